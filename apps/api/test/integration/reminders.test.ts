import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReminderJobsService } from '../../src/reminders/reminder-jobs.service.js';
import { factories, startTestApp, startTestAppOn, type GqlResult, type TestApp } from '../support/app.js';
import { API_DIR } from '../support/process.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
const extra: TestApp[] = [];
const children: ChildProcess[] = [];
const JOBS_ON = { JOBS: 'on', JOBS_RECOVERY_SECONDS: '2' };
const HOUR = 3600_000;

beforeAll(async () => {
  t = await startTestApp('reminders');
  f = factories(t);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const app of extra) await app.close().catch(() => undefined);
  await t.close();
});

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A case with a mediator (its creator), counsel on one side, a party and a program administrator. */
async function caseWithPeople(caption?: string) {
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const counsel = await f.newUser(org);
  const party = await f.newUser(org);
  const admin = await f.newUser(org, 'PROGRAM_ADMIN');
  const c = await f.newCase(mediator.token, caption ? { caption } : {});
  await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
  await f.addParticipant(c.id, party.id, 'PARTY', c.sides[0]!.id);
  await f.addParticipant(c.id, admin.id, 'PROGRAM_ADMIN');
  return { org, mediator, counsel, party, admin, case: c };
}

async function addDeadline(caseId: string, kind: string, title: string, dueInMs: number, ownerUserId?: string) {
  const owner = ownerUserId
    ? (await t.db.query(`SELECT id FROM participants WHERE case_id = $1 AND user_id = $2 LIMIT 1`, [caseId, ownerUserId]))[0].id
    : null;
  const [row] = await t.db.query(
    `INSERT INTO deadlines (case_id, kind, title, due_at, source, owner_participant_id) VALUES ($1, $2, $3, $4, 'MEDIATOR', $5) RETURNING id, due_at AS "dueAt"`,
    [caseId, kind, title, new Date(Date.now() + dueInMs), owner],
  );
  return row as { id: string; dueAt: Date };
}

const inboxOf = (deadlineId: string): Promise<{ userId: string; kind: string; title: string }[]> =>
  t.db.query(`SELECT user_id AS "userId", kind, title FROM inbox_items WHERE deadline_id = $1 ORDER BY user_id`, [deadlineId]);
const remindersOf = (deadlineId: string): Promise<{ lead: string }[]> =>
  t.db.query(`SELECT lead FROM reminders WHERE deadline_id = $1`, [deadlineId]);
const jobsOf = (app: TestApp) => app.app.get(ReminderJobsService).jobs;

describe('reminders', () => {
  it('writes one inbox item per recipient per lead, however often the job runs', async () => {
    const p = await caseWithPeople();
    const d = await addDeadline(p.case.id, 'FILING_DEADLINE', 'Reply brief', 23 * HOUR);
    const job = { deadlineId: d.id, lead: 'P1D' as const, dueAt: d.dueAt.toISOString() };
    const outcomes = await Promise.all([jobsOf(t).handle(job), jobsOf(t).handle(job), jobsOf(t).handle(job)]);
    expect(outcomes.sort()).toEqual(['already-sent', 'already-sent', 'sent']);
    const items = await inboxOf(d.id);
    // No owner: the mediator and counsel; never the party, never the program administrator.
    expect(items.map((i) => i.userId).sort()).toEqual([p.mediator.id, p.counsel.id].sort());
    expect(items.every((i) => i.kind === 'DEADLINE_IN_1_DAY' && i.title === 'Reply brief')).toBe(true);
    expect(await remindersOf(d.id)).toEqual([{ lead: 'P1D' }]);

    // With an owner, only the owner; a moved deadline is stale for the old job.
    const owned = await addDeadline(p.case.id, 'NEXT_TOUCHPOINT', 'Call both sides', -HOUR, p.counsel.id);
    expect(await jobsOf(t).handle({ deadlineId: owned.id, lead: 'DUE', dueAt: owned.dueAt.toISOString() })).toBe('sent');
    expect((await inboxOf(owned.id)).map((i) => [i.userId, i.kind])).toEqual([[p.counsel.id, 'TOUCHPOINT_OVERDUE']]);
    expect(await jobsOf(t).handle({ deadlineId: owned.id, lead: 'DUE', dueAt: new Date(0).toISOString() })).toBe('stale');
  });

  it('sends one reminder when two api instances run the jobs', async () => {
    const p = await caseWithPeople();
    const d = await addDeadline(p.case.id, 'COURT_DATE', 'Status conference', 23 * HOUR);
    const a = await startTestAppOn(t.databaseUrl, JOBS_ON);
    extra.push(a);
    const b = await startTestAppOn(t.databaseUrl, JOBS_ON);
    extra.push(b);
    // Both instances (and their start-up scans) race to enqueue the same reminder.
    await Promise.all([jobsOf(a).scan(), jobsOf(b).scan(), jobsOf(a).scan(), jobsOf(b).scan()]);
    await until('the reminder', async () => (await remindersOf(d.id)).length === 1);
    await until('the job to complete', async () => {
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deadline-reminder' AND data->>'deadlineId' = $1 AND state = 'completed'`, [d.id]);
      return row.n === 1;
    });
    await new Promise((r) => setTimeout(r, 1500));
    const [queued] = await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deadline-reminder' AND data->>'deadlineId' = $1`, [d.id]);
    expect(queued.n).toBe(1);
    expect(await remindersOf(d.id)).toEqual([{ lead: 'P1D' }]);
    expect((await inboxOf(d.id)).map((i) => i.userId).sort()).toEqual([p.mediator.id, p.counsel.id].sort());
    await a.close();
    await b.close();
    extra.length = 0;
  });

  it('sends one reminder when a worker is killed mid-job and a surviving instance retries it', async () => {
    const p = await caseWithPeople();
    const d = await addDeadline(p.case.id, 'PROPOSAL_DEADLINE', 'Bids in', 22 * HOUR, p.counsel.id);
    const child = spawn(process.execPath, [join(API_DIR, 'test/support/reminder-worker.mjs'), t.databaseUrl, '2'], { cwd: API_DIR });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until('the worker to pick the job', async () => out.includes(`picked ${d.id}`), 20_000);
    // Written inside the worker's open transaction: not visible, not committed.
    expect(await remindersOf(d.id)).toEqual([]);
    const survivor = await startTestAppOn(t.databaseUrl, JOBS_ON);
    extra.push(survivor);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    await until('the retried reminder', async () => (await remindersOf(d.id)).length === 1, 40_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remindersOf(d.id)).toEqual([{ lead: 'P1D' }]);
    expect((await inboxOf(d.id)).map((i) => i.userId)).toEqual([p.counsel.id]);
    const [job] = await t.db.query(`SELECT state, retry_count AS "retries" FROM pgboss.job WHERE name = 'deadline-reminder' AND data->>'deadlineId' = $1`, [d.id]);
    expect(job.state).toBe('completed');
    expect(job.retries).toBeGreaterThanOrEqual(1);
    await survivor.close();
    extra.length = 0;
  });
});

describe('inbox', () => {
  const INBOX = `{ inbox { id caseId deadlineId kind title dueAt createdAt readAt } }`;
  const MARK = `mutation ($id: ID!) { markInboxItemRead(id: $id) { id readAt } }`;

  it("lists the viewer's own items, marks them read, and hides others' items", async () => {
    const p = await caseWithPeople();
    const d = await addDeadline(p.case.id, 'DISCOVERY_CUTOFF', 'Discovery closes', 5 * 24 * HOUR);
    await jobsOf(t).handle({ deadlineId: d.id, lead: 'P7D', dueAt: d.dueAt.toISOString() });
    const mine = await t.gql(INBOX, {}, p.counsel.token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.inbox).toEqual([
      expect.objectContaining({ caseId: p.case.id, deadlineId: d.id, kind: 'DEADLINE_IN_7_DAYS', title: 'Discovery closes', readAt: null }),
    ]);
    expect((await t.gql(INBOX, {}, p.party.token)).data!.inbox).toEqual([]);
    expect((await t.gql(INBOX, {}, p.admin.token)).data!.inbox).toEqual([]);

    const id = mine.data!.inbox[0].id;
    const marked = await t.gql(MARK, { id }, p.counsel.token);
    expect(marked.data!.markInboxItemRead.readAt).toEqual(expect.any(String));
    expect((await t.gql(INBOX, {}, p.counsel.token)).data!.inbox[0].readAt).toBe(marked.data!.markInboxItemRead.readAt);

    const other = await t.gql(MARK, { id }, p.mediator.token);
    expect(code(other)).toBe('NOT_FOUND');
    expect(code(await t.gql(MARK, { id: 'not-a-uuid' }, p.counsel.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(INBOX))).toBe('UNAUTHENTICATED');
  });
});

describe('calendar feed', () => {
  const CREATE = `mutation { createCalendarFeed { url createdAt } }`;
  const CURRENT = `{ calendarFeed { url createdAt lastUsedAt } }`;
  const REVOKE = `mutation { revokeCalendarFeed }`;
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

  it('lists the deadlines of my cases, escaped, with a UID each, and stops at revocation', async () => {
    const p = await caseWithPeople('Smith, Jones; & Co');
    const court = await addDeadline(p.case.id, 'COURT_DATE', 'Hearing; bring exhibits, all', 10 * 24 * HOUR);
    const touch = await addDeadline(p.case.id, 'NEXT_TOUCHPOINT', 'Call claimant re: offer', 3 * 24 * HOUR);
    const done = await addDeadline(p.case.id, 'FILING_DEADLINE', 'Already filed', 2 * 24 * HOUR);
    await t.db.query(`UPDATE deadlines SET done_at = now() WHERE id = $1`, [done.id]);
    const elsewhere = await caseWithPeople('Someone Else v. Other');
    const foreign = await addDeadline(elsewhere.case.id, 'COURT_DATE', 'Not my hearing', 4 * 24 * HOUR);

    expect((await t.gql(CURRENT, {}, p.counsel.token)).data!.calendarFeed).toBeNull();
    const created = await t.gql(CREATE, {}, p.counsel.token);
    const url: string = created.data!.createCalendarFeed.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = unfold(await response.text());
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('VERSION:2.0');
    expect(ics).toContain(`UID:deadline-${court.id}@impasse`);
    expect(ics).toContain(`UID:deadline-${touch.id}@impasse`);
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics).toContain('SUMMARY:Hearing\\; bring exhibits\\, all — Smith\\, Jones\\; & Co');
    expect(ics).not.toContain(done.id);
    expect(ics).not.toContain(foreign.id);
    expect(ics).not.toContain('Not my hearing');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect((await t.gql(CURRENT, {}, p.counsel.token)).data!.calendarFeed).toEqual({
      url: null,
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
    });

    // A program administrator: court-reportable kinds only, named by kind, not by title.
    const adminUrl: string = (await t.gql(CREATE, {}, p.admin.token)).data!.createCalendarFeed.url;
    const adminIcs = unfold(await (await fetch(adminUrl)).text());
    expect(adminIcs).toContain(`UID:deadline-${court.id}@impasse`);
    expect(adminIcs).not.toContain(touch.id);
    expect(adminIcs).not.toContain('bring exhibits');
    expect(adminIcs).toContain('SUMMARY:Court date — Smith\\, Jones\\; & Co');

    // A new address revokes the old one; revoking stops the new one.
    const renewed: string = (await t.gql(CREATE, {}, p.counsel.token)).data!.createCalendarFeed.url;
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(renewed)).status).toBe(200);
    expect((await t.gql(REVOKE, {}, p.counsel.token)).data!.revokeCalendarFeed).toBe(true);
    expect((await fetch(renewed)).status).toBe(404);
    expect((await t.gql(REVOKE, {}, p.counsel.token)).data!.revokeCalendarFeed).toBe(false);
    expect((await t.gql(CURRENT, {}, p.counsel.token)).data!.calendarFeed).toBeNull();
    const unknown = await fetch(`${t.url}/calendar/${'x'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    // The error is JSON, said to be JSON (not a calendar that fails to parse).
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.json()).toMatchObject({ message: 'No calendar feed at this address.' });
    expect((await fetch(`${t.url}/calendar/nothing`)).status).toBe(404);
  });
});
