import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type GqlResult, type TestApp } from '../support/app.js';
import { linksOf, startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { until } from '../support/until.js';

/** Password reset by mail, and the notices of a changed password or address. */

let t: TestApp;
let smtp: TestSmtp;
let f: ReturnType<typeof factories>;
const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'quiet lantern orbit 77 meadow';

const REQUEST = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { token } }`;
const ME = `{ me { email } }`;
const CHANGE_PASSWORD = `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const CHANGE_EMAIL = `mutation ($p: String!, $e: String!) { changeEmail(password: $p, newEmail: $e) }`;

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;
/** Mails name a loopback api as the banner does: localhost. */
const local = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp('mail-accounts', { JOBS: 'on', JOBS_RECOVERY_SECONDS: '2', SMTP_URL: smtp.url, MAIL_FROM: 'Impasse <no-reply@courts.example>' });
  f = factories(t);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function person() {
  const org = await f.newOrganisation();
  return f.newUser(org, 'MEDIATOR');
}

const mailsOf = (email: string, subject: RegExp) => smtp.to(email).filter((m) => subject.test(m.parsed.subject ?? ''));
const waitForMail = (email: string, subject: RegExp, count = 1) =>
  until(`${count} mail(s) "${subject}" to ${email}`, async () => (mailsOf(email, subject).length >= count ? mailsOf(email, subject) : null));

const tokenFrom = (link: string) => link.split('/reset-password/')[1]!;

describe('password reset', () => {
  it('mails a single-use link; the reset ends every session, signs in with the new password, and sends a notice', async () => {
    const u = await person();
    const second = (await t.gql<{ signIn: { token: string } }>(SIGN_IN, { email: u.email, password: OLD_PASSWORD })).data!.signIn.token;
    expect((await t.gql(REQUEST, { email: u.email.toUpperCase() })).data).toEqual({ requestPasswordReset: true });
    const [mail] = await waitForMail(u.email, /Reset your password/);
    const link = linksOf(mail!).find((l) => l.includes('/reset-password/'))!;
    expect(link).toMatch(new RegExp(`^${local(t.url)}/reset-password/[A-Za-z0-9_-]{43}$`));
    expect(linksOf(mail!)).toContain(`${local(t.url)}/settings`);
    expect(mail!.parsed.html).toContain(`href="${link}"`);
    // Only a hash is stored.
    const token = tokenFrom(link);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM password_resets WHERE token_hash = $1`, [token]);
    expect(n).toBe(0);

    // A guessable password is refused and uses nothing up.
    const weak = await t.gql(RESET, { token, password: 'password123' });
    expect(code(weak)).toBe('BAD_USER_INPUT');
    expect((await t.gql(ME, {}, u.token)).data!.me).toEqual({ email: u.email });

    expect((await t.gql(RESET, { token, password: NEW_PASSWORD })).data).toEqual({ resetPassword: true });
    // Every session ended, the old password gone, the new one signs in.
    expect((await t.gql(ME, {}, u.token)).data!.me).toBeNull();
    expect((await t.gql(ME, {}, second)).data!.me).toBeNull();
    expect(code(await t.gql(SIGN_IN, { email: u.email, password: OLD_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect((await t.gql(SIGN_IN, { email: u.email, password: NEW_PASSWORD })).data!.signIn.token).toEqual(expect.any(String));
    // Single use.
    const again = await t.gql(RESET, { token, password: `${NEW_PASSWORD} again` });
    expect(code(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0]!.message).toMatch(/not valid/);
    const [notice] = await waitForMail(u.email, /Your password was changed/);
    expect(notice!.parsed.text).toContain('every session was signed out');
    expect(linksOf(notice!)).toContain(`${local(t.url)}/forgot-password`);
  });

  it('answers the same for an address without an account, and sends nothing', async () => {
    const nobody = `nobody.${Date.now()}@example.test`;
    expect(await t.gql(REQUEST, { email: nobody })).toEqual({ data: { requestPasswordReset: true } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(nobody)).toEqual([]);
  });

  it('refuses a link past its hour, and an older link once a newer one was sent', async () => {
    const u = await person();
    await t.gql(REQUEST, { email: u.email });
    const [first] = await waitForMail(u.email, /Reset your password/);
    await t.gql(REQUEST, { email: u.email });
    const both = await waitForMail(u.email, /Reset your password/, 2);
    const older = tokenFrom(linksOf(first!).find((l) => l.includes('/reset-password/'))!);
    const newer = tokenFrom(linksOf(both[1]!).find((l) => l.includes('/reset-password/'))!);
    expect(code(await t.gql(RESET, { token: older, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    await t.db.query(`UPDATE password_resets SET expires_at = now() - interval '1 second', created_at = now() - interval '61 minutes' WHERE user_id = $1 AND used_at IS NULL`, [u.id]);
    expect(code(await t.gql(RESET, { token: newer, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    expect((await t.gql(ME, {}, u.token)).data!.me).toEqual({ email: u.email });
  });

  it('limits requests per address like sign-in, for addresses with and without an account alike', async () => {
    const u = await person();
    const nobody = `nobody.limit.${Date.now()}@example.test`;
    for (const email of [u.email, nobody]) {
      for (let i = 0; i < 3; i++) expect((await t.gql(REQUEST, { email })).data).toEqual({ requestPasswordReset: true });
      const refused = await t.gql(REQUEST, { email });
      expect(code(refused)).toBe('TOO_MANY_REQUESTS');
      expect(refused.errors![0]!.message).toMatch(/^Too many password reset requests\. Try again in \d+ minutes?/);
    }
    await waitForMail(u.email, /Reset your password/, 3);
  });
});

describe('a changed password or address', () => {
  it('asks for the current password, ends the other sessions, keeps this one, and sends a notice', async () => {
    const u = await person();
    const other = (await t.gql<{ signIn: { token: string } }>(SIGN_IN, { email: u.email, password: OLD_PASSWORD })).data!.signIn.token;
    expect(code(await t.gql(CHANGE_PASSWORD, { c: 'not my password', n: NEW_PASSWORD }, u.token))).toBe('BAD_USER_INPUT');
    expect((await t.gql(CHANGE_PASSWORD, { c: OLD_PASSWORD, n: NEW_PASSWORD }, u.token)).data).toEqual({ changePassword: true });
    expect((await t.gql(ME, {}, u.token)).data!.me).toEqual({ email: u.email });
    expect((await t.gql(ME, {}, other)).data!.me).toBeNull();
    await waitForMail(u.email, /Your password was changed/);
  });

  it('tells the former address when the address changes', async () => {
    const u = await person();
    const newEmail = `moved.${Date.now()}@example.test`;
    expect((await t.gql(CHANGE_EMAIL, { p: OLD_PASSWORD, e: newEmail.toUpperCase() }, u.token)).data).toEqual({ changeEmail: newEmail });
    expect((await t.gql(ME, {}, u.token)).data!.me).toEqual({ email: newEmail });
    const [notice] = await waitForMail(u.email, /Your e-mail address was changed/);
    expect(notice!.parsed.text).toContain(newEmail);
    // An address that has an account is refused without saying whose.
    const someone = await person();
    const taken = await t.gql(CHANGE_EMAIL, { p: OLD_PASSWORD, e: someone.email }, u.token);
    expect(code(taken)).toBe('BAD_USER_INPUT');
    expect(taken.errors![0]!.message).not.toContain(someone.email);
  });
});
