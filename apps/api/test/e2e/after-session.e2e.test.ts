import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchBrowser, screenshotDir } from '../support/browser.js';
import { createTestDatabase } from '../support/database.js';

let server: RunningServer;
let browser: Browser;
const CAPTION = 'Alvarez v. Northgate Logistics';

beforeAll(async () => {
  server = await startServer(
    { DATABASE_URL: await createTestDatabase('after'), DEMO_DATA: 'true', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    () => undefined,
  );
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('after a failed session, in a real browser', () => {
  it('records the impasse, fills the debrief, names the owner, and re-mediates once the remedy is recorded', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail').fill('mediator@demo.test');
    await page.getByLabel('Password').fill('mediate-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: CAPTION }).first().click();
    await page.getByRole('heading', { level: 1, name: CAPTION }).waitFor();

    // The session fails.
    await page.getByRole('button', { name: 'Schedule mediation' }).click();
    await page.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor();
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByTestId('resolution-state').filter({ hasText: /in session/i }).waitFor();
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.getByRole('group', { name: 'How did the session end?' }).getByRole('button', { name: 'No agreement' }).click();
    await page.getByTestId('resolution-state').filter({ hasText: /impasse/i }).waitFor();

    // The debrief is open, due in 48 hours, and says what is missing.
    const debrief = page.getByTestId('after-session');
    await debrief.waitFor();
    await expect(debrief.getByTestId('debrief-missing').textContent()).resolves.toMatch(/stall reason/i);

    // Why did it stall: missing information. Re-mediation is not offered until the exchange is recorded.
    await debrief.locator('[data-event="RECORD_STALL_REASON"]').getByRole('button', { name: /lacked information/i }).click();
    const recommendations = page.getByTestId('recommendations');
    await recommendations.waitFor();
    await page.getByTestId('excluded-paths').locator('[data-path="REMEDIATE_SAME"]').waitFor({ state: 'attached' });

    // One owner of the next outreach, with a touchpoint date.
    await debrief.getByRole('button', { name: 'Name the owner of the next outreach' }).click();
    const owner = debrief.getByLabel('Owner of the next outreach');
    await owner.selectOption({ index: 1 });
    const nextWeek = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    await debrief.getByLabel('Next touchpoint').fill(nextWeek);
    await debrief.getByRole('form').getByRole('button', { name: 'Confirm', exact: true }).click();
    await debrief.getByTestId('debrief-status').filter({ hasText: /complete/i }).waitFor();
    // Paths open now, but not re-mediation: the remedy for missing information is not recorded.
    await recommendations.getByTestId('recommended-path').first().waitFor();
    await expect(recommendations.locator('[data-testid="recommended-path"][data-path="REMEDIATE_SAME"]').count()).resolves.toBe(0);

    // The information exchange is recorded: re-mediation becomes the recommendation.
    await debrief.locator('[data-event="RECORD_REMEDY"]').getByRole('button', { name: /information exchanged/i }).click();
    const remediate = recommendations.locator('[data-testid="recommended-path"][data-path="REMEDIATE_SAME"]');
    await remediate.waitFor();
    await expect(remediate.textContent()).resolves.toMatch(/exchange/i);
    await page.screenshot({ path: join(screenshotDir(), 'after-session-recommendation.png'), fullPage: true });

    await remediate.getByRole('button', { name: /^Choose:/ }).click();
    await remediate.getByRole('button', { name: /^Confirm:/ }).click();
    await page.getByTestId('resolution-state').filter({ hasText: /mediation.*scheduled/i }).waitFor();

    const [row] = await server.dataSource.query(
      `SELECT c.resolution_state, d.completed_at IS NOT NULL AS debriefed
         FROM cases c JOIN debriefs d ON d.case_id = c.id WHERE c.caption = $1`,
      [CAPTION],
    );
    expect(row).toEqual({ resolution_state: 'mediation.scheduled', debriefed: true });
  }, 120_000);
});
