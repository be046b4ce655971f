import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../support/browser.js';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;
const CAPTION = DEMO_CASE;
/** A best offer nobody but the claimant's side (and, once shared, the mediator) may see. */
const MARKER = 'ZEBRA-7731 structured payout';

beforeAll(async () => {
  app = await startDemoApp('roles');
}, 60_000);

afterAll(() => app?.close());

const signedIn = (email: string) => app.signIn(email);

const openCase = (page: Page) => app.openCase(page);

/** Everything on screen, once the panels that load on their own have answered. */
async function pageText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  await page.locator('.status[role="status"]').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  return page.locator('body').innerText();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir(), name), fullPage: true });

describe('each role sees its own view of a case', () => {
  it('keeps a side’s best offer to that side until it is shared, and shows the program administrator only the court report', async () => {
    const claimant = await signedIn('counsel.claimant@demo.test');
    await openCase(claimant);
    const mySide = claimant.getByRole('region', { name: /^My side/ });
    await mySide.getByText(/^Visible to: .*Daniel Reyes \(counsel\).*; the mediator sees only what you share$/).waitFor();
    await mySide.getByRole('button', { name: 'Add to workspace' }).click();
    await mySide.getByLabel('Kind').selectOption('BEST_OFFER');
    await mySide.getByLabel('Amount').fill('250000');
    await mySide.getByLabel('Currency (ISO 4217)').fill('USD');
    await mySide.getByLabel('Terms other than money').fill(MARKER);
    await mySide.getByRole('button', { name: 'Add', exact: true }).click();
    await mySide.getByText(MARKER).waitFor();
    await mySide.getByText('$250,000.00').waitFor();
    await shot(claimant, 'roles-counsel-claimant.png');

    const respondent = await signedIn('counsel.respondent@demo.test');
    await openCase(respondent);
    await respondent.getByRole('region', { name: /^My side/ }).getByText(/^Visible to: .*Priya Shah \(counsel\).*; the mediator sees only what you share$/).waitFor();
    const respondentText = await pageText(respondent);
    expect(respondentText).not.toContain(MARKER);
    expect(respondentText).not.toContain('250,000');
    await shot(respondent, 'roles-counsel-respondent.png');

    const mediator = await signedIn('mediator@demo.test');
    await openCase(mediator);
    const shared = mediator.getByRole('region', { name: 'Shared by the sides' });
    await shared.getByText('Visible to: you and the side that shared it').waitFor();
    await mediator.getByRole('region', { name: 'Mediator notes' }).getByText('Visible to: you only').waitFor();
    await shared.getByText('Nothing shared yet').waitFor();
    expect(await pageText(mediator)).not.toContain(MARKER);

    await mySide.getByRole('checkbox', { name: /Share with the mediator/ }).click();
    await mySide.getByText('Shared with the mediator', { exact: true }).waitFor();
    await shared.getByRole('button', { name: 'Refresh' }).click();
    await shared.getByText(MARKER).waitFor();
    await shared.getByText('$250,000.00').waitFor();
    await shot(mediator, 'roles-mediator.png');

    const program = await signedIn('program@demo.test');
    await openCase(program);
    const report = program.getByRole('region', { name: 'Court report' });
    await report.getByText('Court-reportable (UMA §7): what a mediator may tell a court').waitFor();
    await report.getByText('Mediation occurred').waitFor();
    const programText = await pageText(program);
    expect(programText).not.toContain(MARKER);
    expect(programText).not.toContain('250,000');
    expect(await program.getByRole('region', { name: 'Timeline' }).count()).toBe(0);
    expect(await program.getByRole('region', { name: 'Issues' }).count()).toBe(0);
    expect(await program.getByRole('region', { name: /^My side/ }).count()).toBe(0);
    expect(await program.getByRole('region', { name: 'Shared by the sides' }).count()).toBe(0);
    // no case-shared panel, not even empty (Alvarez's demo data has no issues yet)
    expect(programText).not.toContain('No issues yet');
    expect(programText).not.toMatch(/Sides and participants|Written agreements|Timeline/);
    await shot(program, 'roles-program-admin.png');

    for (const page of [claimant, respondent, mediator, program]) await page.context().close();
  }, 120_000);

  it('lets the mediator invite a new party, who sets a password and lands on their side’s view', async () => {
    const mediator = await signedIn('mediator@demo.test');
    await openCase(mediator);
    const invite = mediator.getByRole('region', { name: 'Invite to this case' });
    await invite.getByLabel('Side').selectOption({ label: 'Rosa Alvarez' });
    await invite.getByLabel('Role').selectOption('PARTY');
    await invite.getByLabel('Name').fill('Rosa Alvarez');
    await invite.getByLabel('Invitee e-mail').fill('rosa.alvarez@example.test');
    await invite.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await invite.getByLabel('Invitation link').inputValue();
    expect(link).toContain('/invite/');
    await shot(mediator, 'roles-mediator-invite.png');

    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const party = await context.newPage();
    await party.goto(link);
    await party.getByText(CAPTION).waitFor();
    await party.getByText('rosa.alvarez@example.test', { exact: true }).waitFor();
    await party.getByLabel('Choose a password').fill('a-long-enough-password');
    await party.getByRole('button', { name: 'Accept invitation' }).click();
    await party.getByRole('heading', { level: 1, name: CAPTION }).waitFor({ timeout: 15_000 });
    expect(party.url()).toMatch(/\/cases\/[^/]+$/);
    await party.getByRole('region', { name: /^My side/ }).getByText(/^Visible to: .*Rosa Alvarez \(party\).*; the mediator sees only what you share$/).waitFor();
    expect(await party.getByText(/Your role: Party for Rosa Alvarez/).count()).toBe(1);
    await shot(party, 'roles-party-invited.png');

    // the link works once
    const again = await (await app.browser.newContext()).newPage();
    await again.goto(link);
    await again.getByText('This invitation has already been used').waitFor();
    await again.context().close();
    await context.close();
    await mediator.context().close();
  }, 90_000);
});
