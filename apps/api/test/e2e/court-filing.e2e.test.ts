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

let app: DemoApp;
const OKOYE = 'Okoye v. Brightline Property Management';
const DELGADO = 'Delgado v. Summit Mutual Insurance';

beforeAll(async () => {
  app = await startDemoApp('e2e-court-filing');
}, 60_000);

afterAll(() => app?.close());

describe("the program administrator's pipeline, in a real browser", () => {
  it('is a table of outcome columns with the reports to the court, at 1280 and 390 px, with no serious axe violation', async () => {
    const program = await app.signIn('program@demo.test');
    const table = program.getByRole('region', { name: 'Outcomes table' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Case', 'Referred', 'Stage', 'Session occurred', 'Settled', 'Attendance', 'Report to the court']);
    // No mediator's board, no attention list: only what the court report says.
    expect(await program.getByRole('tab').count()).toBe(0);
    const okoye = table.getByRole('row').filter({ has: program.getByRole('link', { name: OKOYE }) });
    expect((await okoye.getByTestId('outcome-occurred').textContent())?.startsWith('Yes')).toBe(true);
    expect(await okoye.getByTestId('outcome-report').textContent()).toMatch(/^Due .*Mediation of /);
    expect(await seriousViolations(program)).toEqual([]);
    await program.screenshot({ path: join(screenshotDir(), 'program-pipeline-1280.png'), fullPage: true });
    await program.setViewportSize({ width: 390, height: 844 });
    await table.waitFor();
    expect(await seriousViolations(program)).toEqual([]);
    await program.screenshot({ path: join(screenshotDir(), 'program-pipeline-390.png'), fullPage: true });
    await program.context().close();
  }, 60_000);
});

describe('reports to the court, in a real browser', () => {
  it("are on the program administrator's Deadlines page, filed by the mediator with one click, and print alone", async () => {
    // The program administrator: the demo's two reports due, and no deadline of the case-shared tier.
    const program = await app.signIn('program@demo.test');
    await program.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines' }).click();
    const table = program.getByRole('region', { name: 'Reports to the court' });
    await table.waitFor();
    const rows = async () =>
      (await table.getByTestId('report-due').all()).map(async (row) => (await row.locator('td').allTextContents()).map((text) => text.trim()));
    const before = await Promise.all(await rows());
    expect(before.map(([caption, docket, report, , filed]) => [caption, docket, report!.replace(/ of .*/, ''), filed])).toEqual([
      // Soonest due first: the conference was held two days ago, the mediation yesterday.
      [DELGADO, '2026-CV-01977', 'Settlement conference', 'Not filed'],
      [OKOYE, '2026-CV-02214', 'Mediation', 'Not filed'],
    ]);
    const listed = await program.getByTestId('my-deadline').locator('.record__title').allTextContents();
    expect(listed).toEqual([expect.stringMatching(/^Report to the court: settlement conference of /), expect.stringMatching(/^Report to the court: mediation of /)]);
    expect(await seriousViolations(program)).toEqual([]);

    // The mediator reviews the due report on the case page and files it.
    const mediator = await app.signIn('mediator@demo.test');
    await app.openCase(mediator, OKOYE);
    const panel = mediator.getByRole('region', { name: 'Reports to the court' });
    await panel.getByTestId('court-report-status').filter({ hasText: /^Not filed yet/ }).waitFor();
    await panel.getByRole('button', { name: 'File report' }).click();
    await panel.getByTestId('court-report-status').filter({ hasText: /^Filed on .* by Maya Okafor$/ }).waitFor();
    expect(await panel.getByRole('button', { name: 'File report' }).count()).toBe(0);
    await mediator.getByText(/^Court report filed on \d{4}-\d{2}-\d{2}: the mediation of /).first().waitFor();

    // Its printable page: on paper only the report, not the buttons or the way back.
    await panel.getByRole('link', { name: /^Printable view of the report on the mediation of / }).click();
    await mediator.getByRole('heading', { level: 1, name: /^Report to the court: mediation of / }).waitFor();
    expect(await mediator.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    expect(await seriousViolations(mediator)).toEqual([]);
    await mediator.emulateMedia({ media: 'print' });
    expect(await mediator.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await mediator.getByRole('link', { name: OKOYE }).isVisible()).toBe(false);
    expect(await mediator.getByTestId('court-report-document').isVisible()).toBe(true);
    await mediator.screenshot({ path: join(screenshotDir(), 'court-report-print.png'), fullPage: true });
    await mediator.emulateMedia({ media: 'screen' });

    // The program administrator sees it filed.
    await program.reload();
    await table.waitFor();
    const after = await Promise.all(await rows());
    expect(after.map(([caption, , , , filed]) => [caption, filed])).toEqual([
      [DELGADO, 'Not filed'],
      [OKOYE, expect.stringMatching(/^Filed /)],
    ]);
    await program.context().close();
    await mediator.context().close();
  }, 90_000);
});
