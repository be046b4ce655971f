import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../support/browser.js';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';
import { linksOf, startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { until } from '../support/until.js';

/**
 * Mail in the browser: the links that arrive at a real SMTP server work when followed (a
 * forgotten password, an invitation), and without a server the organisation admin opens the
 * mail in the Outbox and follows it.
 */

let smtp: TestSmtp;
let app: DemoApp;
const NEW_PASSWORD = 'quiet lantern orbit meadow 31';

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startDemoApp('mail-e2e', { SMTP_URL: smtp.url, MAIL_FROM: 'Impasse <no-reply@courts.example>' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir(), name), fullPage: true });

async function mailTo(address: string, subject: RegExp) {
  const [mail] = await until(`a mail "${subject}" to ${address}`, async () => {
    const found = smtp.to(address).filter((m) => subject.test(m.parsed.subject ?? ''));
    return found.length > 0 ? found : null;
  });
  return mail!;
}

describe('mail links in the browser', () => {
  it('forgot password → mail → reset → sign in with the new password', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('E-mail').fill('counsel.claimant@demo.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByTestId('reset-requested').waitFor();
    await shot(page, 'mail-forgot-password.png');

    const mail = await mailTo('counsel.claimant@demo.test', /Reset your password/);
    const link = linksOf(mail).find((l) => l.includes('/reset-password/'))!;
    expect(link.startsWith(app.server.url)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password was changed. Sign in with the new one.').waitFor();
    await shot(page, 'mail-reset-done.png');
    await page.getByLabel('E-mail').fill('counsel.claimant@demo.test');
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
    await mailTo('counsel.claimant@demo.test', /Your password was changed/);
    await context.close();
  });

  it('invitation mail → accept → the case; the mediator sees the mail sent, then the invitation accepted', async () => {
    const mediator = await app.signIn('mediator@demo.test');
    await app.openCase(mediator);
    const invite = mediator.getByRole('region', { name: 'Invite to this case' });
    const email = `new.counsel.${Date.now()}@example.test`;
    await invite.getByLabel('Name').fill('Nora Newcounsel');
    await invite.getByLabel('Invitee e-mail').fill(email);
    await invite.getByRole('button', { name: 'Create invitation link' }).click();
    await invite.getByTestId('invite-link').waitFor();

    const mail = await mailTo(email, /invited you to/);
    expect(mail.parsed.subject).toBe(`Maya Okafor invited you to ${DEMO_CASE}`);
    const link = linksOf(mail).find((l) => l.includes('/invite/'))!;
    // The link the mediator may copy is the one in the mail.
    expect(await invite.getByLabel('Invitation link').inputValue()).toBe(link);
    await until('the mail shown as sent', async () => {
      await invite.getByRole('button', { name: 'Refresh' }).click();
      return (await invite.getByTestId('invitation').first().getAttribute('data-mail-status')) === 'SENT';
    });
    await invite.getByText('Mail sent, not accepted yet').first().waitFor();
    await shot(mediator, 'mail-invitation-sent.png');

    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    const invitee = await context.newPage();
    await invitee.goto(link);
    await invitee.getByText(DEMO_CASE).first().waitFor();
    await invitee.getByLabel('Choose a password').fill(NEW_PASSWORD);
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByRole('heading', { level: 1, name: DEMO_CASE }).waitFor();
    await shot(invitee, 'mail-invitation-accepted-case.png');

    await invite.getByRole('button', { name: 'Refresh' }).click();
    await invite.getByText('Accepted', { exact: true }).first().waitFor();
    await shot(mediator, 'mail-invitation-accepted-mediator.png');
    await context.close();
    await mediator.context().close();
  });
});

describe('without a mail server', () => {
  let trial: DemoApp;
  beforeAll(async () => {
    trial = await startDemoApp('mail-e2e-outbox');
  }, 60_000);
  afterAll(() => trial?.close());

  it('keeps the invitation mail in the Outbox, where the organisation admin opens it and follows its link', async () => {
    const mediator = await trial.signIn('mediator@demo.test');
    await trial.openCase(mediator);
    const invite = mediator.getByRole('region', { name: 'Invite to this case' });
    await invite.getByLabel('Name').fill('Omar Outbox');
    await invite.getByLabel('Invitee e-mail').fill('omar.outbox@example.test');
    await invite.getByRole('button', { name: 'Create invitation link' }).click();
    await invite.getByText('Mail kept in the Outbox (no mail server); not accepted yet').waitFor();

    const admin = await trial.signIn('admin@demo.test');
    await admin.getByRole('link', { name: 'Outbox' }).click();
    await admin.getByTestId('outbox-mode').getByText(/nothing is sent/).waitFor();
    await admin.getByRole('button', { name: `Maya Okafor invited you to ${DEMO_CASE}` }).click();
    const open = admin.getByTestId('outbox-open');
    await shot(admin, 'mail-outbox.png');
    const href = (await open.getByRole('link', { name: /\/invite\// }).getAttribute('href'))!;
    expect(href.startsWith(trial.server.url)).toBe(true);
    // Followed in a browser of the invitee's own (the admin is signed in as someone else).
    const context = await trial.browser.newContext();
    const invitee = await context.newPage();
    await invitee.goto(href);
    await invitee.getByLabel('Choose a password').fill(NEW_PASSWORD);
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByRole('heading', { level: 1, name: DEMO_CASE }).waitFor();
    await context.close();
  });
});
