import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailRoom } from '../../src/mail/mail-room.service.js';
import { composeMessage } from '../../src/mail/outbox.js';
import { ReminderJobsService } from '../../src/reminders/reminder-jobs.service.js';
import { factories, startTestApp, startTestAppOn, type TestApp } from '../support/app.js';
import { header, linksOf, startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { until } from '../support/until.js';

/** Deadline reminders by mail: each, as a daily digest, or none; one-click unsubscribe without sign-in. */

let t: TestApp;
let smtp: TestSmtp;
let f: ReturnType<typeof factories>;
const HOUR = 3600_000;
const PREFS = `mutation ($input: MailPreferencesInput!) { setMailPreferences(input: $input) { reminders agreements } }`;
const MY_PREFS = `{ myMailPreferences { reminders agreements } }`;
const local = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp('mail-reminders', { JOBS: 'on', JOBS_RECOVERY_SECONDS: '2', SMTP_URL: smtp.url, MAIL_FROM: 'Impasse <no-reply@courts.example>' });
  f = factories(t);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const jobs = () => t.app.get(ReminderJobsService).jobs;

async function caseWithPeople() {
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const counsel = await f.newUser(org);
  const party = await f.newUser(org);
  const admin = await f.newUser(org, 'PROGRAM_ADMIN');
  const c = await f.newCase(mediator.token, { caption: 'Reyes v. Harbor Freight Lines' });
  await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
  await f.addParticipant(c.id, party.id, 'PARTY', c.sides[0]!.id);
  await f.addParticipant(c.id, admin.id, 'PROGRAM_ADMIN');
  return { org, mediator, counsel, party, admin, case: c };
}

async function remind(caseId: string, title: string, dueInMs = 22 * HOUR) {
  const [d] = await t.db.query(
    `INSERT INTO deadlines (case_id, kind, title, due_at, source) VALUES ($1, 'OTHER', $2, $3, 'MEDIATOR') RETURNING id, due_at AS "dueAt"`,
    [caseId, title, new Date(Date.now() + dueInMs)],
  );
  expect(await jobs().handle({ deadlineId: d.id, lead: 'P1D', dueAt: d.dueAt.toISOString() })).toBe('sent');
  return d as { id: string };
}

const mailsOf = (email: string, subject: RegExp) => smtp.to(email).filter((m) => subject.test(m.parsed.subject ?? ''));

describe('reminders by mail', () => {
  it('mails each reminder to its recipients, with the case link, the preferences link and a one-click unsubscribe', async () => {
    const p = await caseWithPeople();
    await remind(p.case.id, 'Mediation statement');
    const subject = /^Due tomorrow: Mediation statement \(Reyes v\. Harbor Freight Lines\)$/;
    await until('both reminder mails', async () => mailsOf(p.mediator.email, subject).length === 1 && mailsOf(p.counsel.email, subject).length === 1);
    const [mail] = mailsOf(p.counsel.email, subject);
    expect(linksOf(mail!)).toEqual(expect.arrayContaining([`${local(t.url)}/cases/${p.case.id}`, `${local(t.url)}/settings`]));
    const unsubscribe = header(mail!, 'List-Unsubscribe')!;
    expect(unsubscribe).toMatch(new RegExp(`^<${local(t.url)}/mail/unsubscribe/[^>]+>$`));
    expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(linksOf(mail!)).toContain(unsubscribe.slice(1, -1));
    // Parties and program administrators get no reminder of this deadline, in the inbox or by mail.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.to(p.party.email)).toEqual([]);
    expect(smtp.to(p.admin.email)).toEqual([]);
  });

  it('unsubscribes with one POST of the header, without sign-in; the inbox still has the reminders', async () => {
    const p = await caseWithPeople();
    await remind(p.case.id, 'Exhibit list');
    await until('the reminder', async () => mailsOf(p.counsel.email, /Exhibit list/).length === 1);
    const url = header(mailsOf(p.counsel.email, /Exhibit list/)[0]!, 'List-Unsubscribe')!.slice(1, -1).replace('//localhost:', '//127.0.0.1:');
    // A GET changes nothing: it is the dashboard's page with a button.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect((await t.gql(MY_PREFS, {}, p.counsel.token)).data!.myMailPreferences).toEqual({ reminders: 'EACH', agreements: true });
    // RFC 8058: the mail client posts the form, with no cookie.
    const posted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toMatch(/no more deadline reminders by e-mail/);
    expect((await t.gql(MY_PREFS, {}, p.counsel.token)).data!.myMailPreferences).toEqual({ reminders: 'OFF', agreements: true });
    // A forged or altered token does nothing.
    expect((await fetch(url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { method: 'POST' })).status).toBe(404);

    await remind(p.case.id, 'Witness list');
    await until('the mediator’s mail', async () => mailsOf(p.mediator.email, /Witness list/).length === 1);
    expect(mailsOf(p.counsel.email, /Witness list/)).toEqual([]);
    const [item] = await t.db.query(`SELECT title FROM inbox_items WHERE user_id = $1 AND title = 'Witness list'`, [p.counsel.id]);
    expect(item).toEqual({ title: 'Witness list' });
  });

  it('gathers the reminders of a day into one digest for those who chose it', async () => {
    const p = await caseWithPeople();
    expect((await t.gql(PREFS, { input: { reminders: 'DAILY_DIGEST' } }, p.counsel.token)).data!.setMailPreferences).toEqual({ reminders: 'DAILY_DIGEST', agreements: true });
    await remind(p.case.id, 'Damages summary');
    await remind(p.case.id, 'Expert report', 30 * HOUR);
    await until('the mediator’s two reminders', async () => mailsOf(p.mediator.email, /Damages summary|Expert report/).length === 2);
    expect(smtp.to(p.counsel.email)).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const room = t.app.get(MailRoom);
    const written = await room.jobs.writeDigests(today);
    await room.dispatch(written);
    const [digest] = await until('the digest', async () => {
      const found = mailsOf(p.counsel.email, /^Your deadlines: 2 reminders of /);
      return found.length > 0 ? found : null;
    });
    expect(digest!.parsed.text).toContain('Damages summary (Reyes v. Harbor Freight Lines): due tomorrow');
    expect(digest!.parsed.text).toContain('Expert report (Reyes v. Harbor Freight Lines): due tomorrow');
    expect(header(digest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // Once per person and day, however often it is written.
    expect(await room.jobs.writeDigests(today)).toEqual([]);
    expect(mailsOf(p.mediator.email, /Your deadlines/)).toEqual([]);
  });

  it('puts an https address in the header where PUBLIC_URL is one', async () => {
    const p = await caseWithPeople();
    const other = await startTestAppOn(t.databaseUrl, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://cases.example.org/' });
    try {
      const [d] = await t.db.query(
        `INSERT INTO deadlines (case_id, kind, title, due_at, source) VALUES ($1, 'OTHER', 'Brief', $2, 'MEDIATOR') RETURNING id, due_at AS "dueAt"`,
        [p.case.id, new Date(Date.now() + 20 * HOUR)],
      );
      await other.app.get(ReminderJobsService).jobs.handle({ deadlineId: d.id, lead: 'P1D', dueAt: d.dueAt.toISOString() });
      const [row] = await t.db.query(`SELECT kind, recipient, params, message_id AS "messageId" FROM mail_outbox WHERE user_id = $1 AND kind = 'REMINDER'`, [p.counsel.id]);
      const message = await composeMessage(other.app.get(MailRoom).settings, row);
      expect(message.headers['List-Unsubscribe']).toMatch(/^<https:\/\/cases\.example\.org\/mail\/unsubscribe\/[^>]+>$/);
      expect(message.text).toContain(`https://cases.example.org/cases/${p.case.id}`);
    } finally {
      await other.close();
    }
  });
});
