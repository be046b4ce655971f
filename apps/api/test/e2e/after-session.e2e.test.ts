import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screenshotDir } from '../support/browser.js';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;
const CAPTION = DEMO_CASE;

beforeAll(async () => {
  app = await startDemoApp('after');
}, 60_000);

afterAll(() => app?.close());

describe('after a failed session, in a real browser', () => {
  it('records the impasse, fills the debrief, names the owner, and re-mediates once the remedy is recorded', async () => {
    const page = await app.signIn('mediator@demo.test');
    await app.openCase(page);

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

    const [row] = await app.server.dataSource.query(
      `SELECT c.resolution_state, d.completed_at IS NOT NULL AS debriefed
         FROM cases c JOIN debriefs d ON d.case_id = c.id WHERE c.caption = $1`,
      [CAPTION],
    );
    expect(row).toEqual({ resolution_state: 'mediation.scheduled', debriefed: true });
  }, 120_000);
});
