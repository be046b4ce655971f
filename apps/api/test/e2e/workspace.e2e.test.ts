import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;

beforeAll(async () => {
  app = await startDemoApp('workspace');
}, 60_000);

afterAll(() => app?.close());

describe('a side’s workspace, in a real browser', () => {
  it('saves a BATNA sheet from the form as it comes (currency pre-filled), with its range in that currency', async () => {
    const page = await app.signIn('counsel.claimant@demo.test');
    await app.openCase(page);
    const mySide = page.getByTestId('my-side');
    await mySide.getByRole('button', { name: 'Add to workspace' }).click();
    await mySide.getByLabel('Kind').selectOption({ label: 'BATNA sheet' });
    await mySide.getByLabel('Next week without a deal').fill('We file the motion to compel.');
    await mySide.getByLabel('Range, low').fill('40000');
    await mySide.getByLabel('Range, high').fill('90000');
    await mySide.getByRole('button', { name: 'Add', exact: true }).click();

    // Whichever comes first: the sentence that it was added, or an error.
    await mySide.getByRole('status').filter({ hasText: 'BATNA sheet added.' }).or(mySide.getByRole('alert')).first().waitFor();
    expect(await mySide.getByRole('alert').allTextContents()).toEqual([]);
    await mySide.locator('[data-testid="workspace-item"][data-kind="BATNA"]').waitFor();

    const rows = await app.server.dataSource.query(
      `SELECT w.next_week, w.range_low::text, w.range_high::text, w.currency
         FROM side_workspace_items w JOIN cases c ON c.id = w.case_id WHERE c.caption = $1 AND w.kind = 'BATNA'`,
      [DEMO_CASE],
    );
    expect(rows).toEqual([{ next_week: 'We file the motion to compel.', range_low: '40000.00', range_high: '90000.00', currency: 'USD' }]);
  }, 120_000);
});
