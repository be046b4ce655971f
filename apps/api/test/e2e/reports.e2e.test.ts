import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../support/browser.js';
import { startDemoApp, type DemoApp } from '../support/e2e.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations of the page as the browser renders it (contrast included). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol: the page's Content-Security-Policy (rightly) refuses inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document);
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

let demo: DemoApp;

beforeAll(async () => {
  demo = await startDemoApp('e2e-reports');
}, 60_000);
afterAll(async () => {
  await demo?.close();
});

describe('the Reports page in a real browser', () => {
  it('shows the program administrator the caseload of the demo program, suppressed cells marked, and a CSV equal to the screen', async () => {
    const page = await demo.signIn('program@demo.test');
    // The page's scripts (the charts are a chunk of their own, loaded with the page) run without an error.
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL('**/reports');
    const table = page.getByRole('table', { name: /ADR caseload of Circuit Court Civil ADR Program/ });
    await table.waitFor();
    // A year of the demo's history (it is written relative to the day the demo was loaded).
    await page.getByLabel('From', { exact: true }).fill('2025-12-04');
    await page.getByLabel('To', { exact: true }).fill('2026-12-03');
    await page.getByRole('table', { name: /2025-12-04 to 2026-12-03/ }).waitFor();
    const caseloadTable = page.getByRole('table', { name: /2025-12-04 to 2026-12-03/ });
    const total = caseloadTable.getByRole('row', { name: /^Total/ });
    const figures = await total.getByRole('cell').allTextContents();
    expect(figures).toHaveLength(14);
    // Referred in a year: most of the 300 referrals of the demo history, in figures of 11 or more or suppressed.
    for (const figure of figures) expect(figure === '✱suppressed' || figure === '0' || Number(figure) >= 11).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('circuit-court-civil-adr-program-caseload-2025-12-04-to-2026-12-03.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[csv.length - 1]).toBe(['Total', ...figures.map((f) => (f === '✱suppressed' ? 'suppressed' : f))].join(','));

    // The rates, each with its denominator, over the same referrals.
    const rates = page.getByRole('table', { name: 'Settlement rates by case type' });
    await rates.waitFor();
    const rateTotal = await rates.getByRole('row', { name: /^Total/ }).getByRole('cell').allTextContents();
    expect(rateTotal.slice(5).every((r) => r === '✱suppressed' || /^\d{1,3}%$/.test(r))).toBe(true);
    await page.getByRole('table', { name: 'Days from referral' }).waitFor();

    // The charts: each a named figure whose picture says its figures in words, before the table with its numbers.
    for (const name of ['How referrals ended, by month', 'Where referrals not fully settled went next, and how they stand', 'Days from referral: median and 90th percentile']) {
      const figure = page.getByRole('figure', { name });
      await figure.waitFor();
      expect(await figure.locator('.report-chart__plot').getAttribute('aria-label')).toMatch(new RegExp(`^${name.replace(/[()]/g, '\\$&')}\\. `));
      expect(await figure.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    }
    const months = page.getByRole('table', { name: 'How referrals ended, by month' });
    expect(await months.getByRole('row').count()).toBe(1 + 13 + 1); // the header, the 13 months the year touches, the total
    // Figures by mediator: the roster mediator with few referrals is suppressed, not shown as a small count.
    const byMediator = page.getByRole('table', { name: 'Figures by mediator' });
    expect(await byMediator.getByRole('rowheader').allTextContents()).toEqual(['Jordan Ellis', 'Maya Okafor', 'Priya Raman', 'Theo Marsh', 'Total']); // Maya: the demo's mediator, on its live cases
    const theo = await byMediator.getByRole('row', { name: /^Theo Marsh/ }).getByRole('cell').allTextContents();
    expect(theo[0]).toBe('✱suppressed');
    for (const figure of theo.slice(0, 7)) expect(figure === '✱suppressed' || figure === '0' || Number(figure) >= 11).toBe(true);
    const [mediatorCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV: Figures by mediator' }).click()]);
    const mediatorLines = readFileSync((await mediatorCsv.path())!, 'utf8').trimEnd().split('\r\n');
    expect(mediatorLines[4]!.split(',')[1]).toBe('suppressed');

    // Stall reasons: only the quarters of the period that have ended and lie wholly inside it, reasons in words, some shown.
    const stalls = page.getByRole('table', { name: 'Stall reasons, by quarter' });
    await stalls.waitFor();
    expect(await stalls.getByRole('columnheader').allTextContents()).toEqual(['Quarter', 'Cases with a stall reason', 'Lacked information', 'Unrealistic expectations', 'No authority present', 'Posturing', 'Mediator fit', 'Emotions', 'Timing', 'Other']);
    expect(await stalls.getByRole('rowheader').allTextContents()).toEqual(['2026 Q1', '2026 Q2', '2026 Q3']);
    const stallFigures = (await stalls.getByRole('cell').allTextContents()).filter((_, i) => i % 9 !== 0);
    for (const figure of stallFigures) expect(figure === '✱suppressed' || figure === '0' || Number(figure) >= 11).toBe(true);
    expect(stallFigures.filter((figure) => Number(figure) >= 11).length).toBeGreaterThan(0);
    expect(stallFigures).toContain('✱suppressed');
    await page.getByText(/2026 Q4 has not ended yet: not shown\. 2025 Q4 is only partly inside the period: not shown/).waitFor();
    const [stallCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV: Stall reasons, by quarter' }).click()]);
    const stallLines = readFileSync((await stallCsv.path())!, 'utf8').trimEnd().split('\r\n');
    expect(stallLines).toHaveLength(4);
    expect(stallLines[0]!.startsWith('Quarter,Cases with a stall reason,Lacked information,')).toBe(true);
    await page.getByRole('region', { name: 'Why sessions stalled' }).screenshot({ path: join(screenshotDir(), 'reports-1280-stall-reasons.png') });

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(screenshotDir(), 'reports-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(screenshotDir(), 'reports-390.png'), fullPage: true });
    // Each chart on its own at a phone's width, to look at.
    for (const [i, figure] of (await page.getByRole('figure').all()).entries()) await figure.screenshot({ path: join(screenshotDir(), `reports-390-chart-${i + 1}.png`) });
    await page.context().close();
  }, 90_000);

  it('offers no Reports to a mediator, and a direct visit says there is no program to report on', async () => {
    const page = await demo.signIn('mediator@demo.test');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await page.goto(`${demo.server.url}/reports`);
    await page.getByText('No program to report on').waitFor();
    await page.context().close();
  }, 60_000);
});
