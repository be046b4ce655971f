import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailRoom } from '../../src/mail/mail-room.service.js';
import { ReminderJobsService } from '../../src/reminders/reminder-jobs.service.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { until } from '../support/until.js';

/**
 * Agreement mails (ready to sign, binding), and the leak test of every kind of mail: a case
 * with a marker in each side's workspace and in the mediator's notes sends one mail of every
 * kind, and none of them, as received or as kept in the outbox, holds a marker.
 */

let t: TestApp;
let smtp: TestSmtp;
let f: ReturnType<typeof factories>;
const PASSWORD = 'correct horse battery staple';
const HOUR = 3600_000;

const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;
const TERMS = `mutation ($c: ID!, $i: AgreementTermsInput!) { setAgreementTerms(caseId: $c, input: $i) { version } }`;
const SIGN = `mutation ($c: ID!, $v: Int!, $i: SignAgreementInput!) { signAgreement(caseId: $c, expectedVersion: $v, input: $i) { version } }`;
const VIEW = `query ($id: ID!) { case(id: $id) { version issues { id } agreements { digest status } } }`;
const ADD_ITEM = `mutation ($c: ID!, $s: ID!, $input: WorkspaceItemInput!) { addWorkspaceItem(caseId: $c, sideId: $s, input: $input) { id } }`;
const NOTE = `mutation ($c: ID!, $input: MediatorNoteInput!) { addMediatorNote(caseId: $c, input: $input) { id } }`;
const INVITE = `mutation ($caseId: ID!, $input: InviteToCaseInput!) { inviteToCase(caseId: $caseId, input: $input) { url } }`;
const PREFS = `mutation ($input: MailPreferencesInput!) { setMailPreferences(input: $input) { agreements } }`;

/** Values only a side (or the mediator) may read. */
const MARKERS = [
  'MARKER-A-DEALBREAKER-7731',
  'MARKER-A-NOTE-4413',
  'MARKER-A-OFFER-1101',
  '912345.67',
  'MARKER-B-BATNA-8843',
  'MARKER-B-NOTE-8844',
  'MARKER-M-NOTE-6601',
  'MARKER-M-CAUCUS-6602',
];

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp('mail-agreements', { JOBS: 'on', JOBS_RECOVERY_SECONDS: '2', SMTP_URL: smtp.url, MAIL_FROM: 'Impasse <no-reply@courts.example>' });
  f = factories(t);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
  const result = await t.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
};

/** A case settled in session and in `agreement`: a party and counsel on each side, the terms written. */
async function settledCase() {
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const admin = await f.newUser(org, 'PROGRAM_ADMIN');
  const c = await f.newCase(mediator.token, { caption: 'Okoro v. Lakeside Dental', issues: [{ label: 'Refund' }, { label: 'Apology' }] });
  const people = { partyA: await f.newUser(org), counselA: await f.newUser(org), partyB: await f.newUser(org), counselB: await f.newUser(org) };
  await f.addParticipant(c.id, people.partyA.id, 'PARTY', c.sides[0]!.id);
  await f.addParticipant(c.id, people.counselA.id, 'COUNSEL', c.sides[0]!.id);
  await f.addParticipant(c.id, people.partyB.id, 'PARTY', c.sides[1]!.id);
  await f.addParticipant(c.id, people.counselB.id, 'COUNSEL', c.sides[1]!.id);
  await f.addParticipant(c.id, admin.id, 'PROGRAM_ADMIN');
  const issues = (await ok(VIEW, { id: c.id }, mediator.token)).case.issues.map((i: { id: string }) => i.id);
  let v = c.version;
  for (const e of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'SETTLED', agreedIssueIds: issues } }]) {
    v = (await ok(TRANSITION, { c: c.id, v, e }, mediator.token)).transitionCase.version;
  }
  return { org, c, mediator, admin, issues, ...people };
}

async function writeTerms(caseId: string, issues: string[], token: string) {
  for (const issueId of issues) await ok(TERMS, { c: caseId, i: { issueId, terms: `Terms of ${issueId}` } }, token);
}

async function sign(caseId: string, user: { token: string }) {
  const now = (await ok(VIEW, { id: caseId }, user.token)).case;
  await ok(SIGN, { c: caseId, v: now.version, i: { digest: now.agreements[0].digest, password: PASSWORD } }, user.token);
}

const room = () => t.app.get(MailRoom);
const since = () => new Date(Date.now() - HOUR);
const subjects = (email: string) => smtp.to(email).map((m) => m.parsed.subject);

describe('agreement mails', () => {
  it('tells the parties and counsel an agreement is ready to sign, then everyone on the case that it binds, once each', async () => {
    const p = await settledCase();
    // Terms missing: not ready yet.
    expect(await room().jobs.scanCases(since())).toEqual([]);
    await writeTerms(p.c.id, p.issues, p.mediator.token);
    // The app's own sweep may scan meanwhile: count what is written, not who wrote it.
    const written = async (kind: string) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE case_id = $1 AND kind = $2`, [p.c.id, kind]))[0].n as number;
    await room().jobs.scanCases(since());
    expect(await written('AGREEMENT_READY')).toBe(4);
    // Scanning again writes nothing: one mail per agreement text and person.
    expect(await room().jobs.scanCases(since())).toEqual([]);
    const readySubject = 'An agreement is ready to sign (Okoro v. Lakeside Dental)';
    for (const who of [p.partyA, p.counselA, p.partyB, p.counselB]) await until(`the ready mail to ${who.email}`, async () => subjects(who.email).includes(readySubject));
    expect(subjects(p.mediator.email)).toEqual([]);
    expect(subjects(p.admin.email)).toEqual([]);

    await sign(p.c.id, p.partyA);
    await sign(p.c.id, p.partyB);
    await room().jobs.scanCases(since());
    expect(await written('AGREEMENT_BINDING')).toBe(5);
    expect(await room().jobs.scanCases(since())).toEqual([]);
    const bindingSubject = 'The agreement is binding (Okoro v. Lakeside Dental)';
    for (const who of [p.mediator, p.partyA, p.counselA, p.partyB, p.counselB]) await until(`the binding mail to ${who.email}`, async () => subjects(who.email).includes(bindingSubject));
    expect(subjects(p.admin.email)).toEqual([]);
    expect(subjects(p.partyA.email)).toEqual([readySubject, bindingSubject]);
  });

  it('loses none when no instance swept for hours: the next sweep starts where the last one ended', async () => {
    const p = await settledCase();
    await writeTerms(p.c.id, p.issues, p.mediator.token);
    // As if every instance had been down for three hours: the case changed then, the last sweep ended before.
    await t.db.query(`UPDATE cases SET updated_at = now() - interval '3 hours' WHERE id = $1`, [p.c.id]);
    await t.db.query(`DELETE FROM mail_outbox WHERE case_id = $1`, [p.c.id]);
    await t.db.query(`UPDATE mail_case_scan SET scanned_until = now() - interval '4 hours'`);
    await room().jobs.sweep();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE case_id = $1 AND kind = 'AGREEMENT_READY'`, [p.c.id]);
    expect(n).toBe(4);
    // The mark moved on to the sweep's start.
    const [{ lag }] = await t.db.query(`SELECT extract(epoch FROM now() - scanned_until)::float8 AS lag FROM mail_case_scan`);
    expect(lag).toBeLessThan(60);
  });

  it('sends none to whoever turned agreement notices off', async () => {
    const p = await settledCase();
    await ok(PREFS, { input: { agreements: false } }, p.partyA.token);
    await writeTerms(p.c.id, p.issues, p.mediator.token);
    await room().jobs.scanCases(since());
    const [{ ready }] = await t.db.query(`SELECT count(*)::int AS ready FROM mail_outbox WHERE case_id = $1 AND kind = 'AGREEMENT_READY'`, [p.c.id]);
    expect(ready).toBe(3);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE user_id = $1`, [p.partyA.id]);
    expect(n).toBe(0);
  });
});

describe('no mail carries a side-private or mediator-private value', () => {
  it('holds none of the markers in any mail of any kind, received or kept', async () => {
    const p = await settledCase();
    const [sideA, sideB] = [p.c.sides[0]!.id, p.c.sides[1]!.id];
    await ok(ADD_ITEM, { c: p.c.id, s: sideA, input: { kind: 'DEALBREAKER', body: 'MARKER-A-DEALBREAKER-7731' } }, p.counselA.token);
    await ok(ADD_ITEM, { c: p.c.id, s: sideA, input: { kind: 'NOTE', body: 'MARKER-A-NOTE-4413' } }, p.partyA.token);
    await ok(ADD_ITEM, { c: p.c.id, s: sideA, input: { kind: 'BEST_OFFER', amount: 912345.67, currency: 'USD', nonMoneyTerms: 'MARKER-A-OFFER-1101' } }, p.counselA.token);
    await ok(ADD_ITEM, { c: p.c.id, s: sideB, input: { kind: 'BATNA', batna: { nextWeek: 'MARKER-B-BATNA-8843' } } }, p.counselB.token);
    await ok(ADD_ITEM, { c: p.c.id, s: sideB, input: { kind: 'NOTE', body: 'MARKER-B-NOTE-8844' } }, p.counselB.token);
    await ok(NOTE, { c: p.c.id, input: { body: 'MARKER-M-NOTE-6601' } }, p.mediator.token);
    await ok(NOTE, { c: p.c.id, input: { body: 'MARKER-M-CAUCUS-6602', caucusSideId: sideA } }, p.mediator.token);

    // Every kind of mail about this case and its people.
    await ok(INVITE, { caseId: p.c.id, input: { email: `leak.${Date.now()}@example.test`, displayName: 'Lee Invitee', role: 'PARTY', sideId: sideB } }, p.mediator.token);
    await ok(`mutation ($e: String!) { requestPasswordReset(email: $e) }`, { e: p.counselA.email }, p.counselA.token);
    await ok(PREFS, { input: { reminders: 'DAILY_DIGEST' } }, p.counselB.token);
    const [d] = await t.db.query(
      `INSERT INTO deadlines (case_id, kind, title, due_at, source) VALUES ($1, 'OTHER', 'Exchange of documents', $2, 'MEDIATOR') RETURNING id, due_at AS "dueAt"`,
      [p.c.id, new Date(Date.now() + 20 * HOUR)],
    );
    await t.app.get(ReminderJobsService).jobs.handle({ deadlineId: d.id, lead: 'P1D', dueAt: d.dueAt.toISOString() });
    await room().dispatch(await room().jobs.writeDigests(new Date().toISOString().slice(0, 10)));
    await writeTerms(p.c.id, p.issues, p.mediator.token);
    await room().jobs.scanCases(since());
    await sign(p.c.id, p.partyA);
    await sign(p.c.id, p.partyB);
    await room().jobs.scanCases(since());

    const kinds = await until('every kind of mail sent', async () => {
      const rows: { kind: string; status: string }[] = await t.db.query(`SELECT kind, status FROM mail_outbox WHERE case_id = $1 OR user_id = ANY($2)`, [
        p.c.id,
        [p.counselA.id, p.counselB.id],
      ]);
      const done = rows.every((r) => r.status === 'SENT');
      return done ? [...new Set(rows.map((r) => r.kind))].sort() : null;
    });
    expect(kinds).toEqual(['AGREEMENT_BINDING', 'AGREEMENT_READY', 'DIGEST', 'INVITATION', 'PASSWORD_RESET', 'REMINDER']);
    const everything = [
      ...smtp.received.map((m) => m.raw),
      ...smtp.received.map((m) => `${m.parsed.subject}\n${m.parsed.text}\n${m.parsed.html}`),
      JSON.stringify(await t.db.query(`SELECT * FROM mail_outbox`)),
    ].join('\n');
    for (const marker of MARKERS) expect([marker, everything.includes(marker)]).toEqual([marker, false]);
    // The test reads mails that exist: the case's own mails are there.
    expect(everything).toContain('Okoro v. Lakeside Dental');
  });
});
