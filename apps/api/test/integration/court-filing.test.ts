import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type pg from 'pg';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.js';
import { adminClient } from '../support/database.js';
import { factories, startTestApp, type GqlResult, type TestApp } from '../support/app.js';

/**
 * The report to the court of one ended session (UMA §7) as a filing: the case's mediator files
 * the due report once, its deadline closes, the filing goes on the timeline, and what was filed
 * never changes; everyone on the case reads it, the program administrator included.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;
let admin: pg.Client;
let org: string;
let programId: string;
type Person = 'M' | 'A' | 'AP' | 'B' | 'P' | 'X' | 'Y';
const u = {} as Record<Person, { id: string; token: string }>;

async function ok(query: string, variables: Record<string, unknown>, token: string) {
  const result = await t.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function send(caseId: string, event: Record<string, unknown>, token = u.M.token) {
  const { case: c } = await ok(`query ($id: ID!) { case(id: $id) { version } }`, { id: caseId }, token);
  await ok(`mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { id } }`, { c: caseId, v: c.version, e: event }, token);
}

const FILING = `id process sessionOn dueAt deadlineId status filedAt filedOn filedByName timeZone
  content { caption docketNumber programName process sessionOn occurred terminated settlement mediatorName attendance { name role attended } }`;
const FILE = `mutation ($c: ID!, $r: ID!) { fileCourtReport(caseId: $c, reportId: $r) { id version courtReportFilings { ${FILING} } } }`;
const READ = `query ($id: ID!) { case(id: $id) {
  version updatedAt
  courtReportFilings { ${FILING} }
  deadlines { id kind doneAt }
  timeline { seq type summary }
} }`;
const read = async (id: string, token = u.M.token) => (await ok(READ, { id }, token)).case;
const fileAs = (caseId: string, reportId: string, token: string): Promise<GqlResult> => t.gql(FILE, { c: caseId, r: reportId }, token);
const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

/** Today in the court's time zone, as PostgreSQL says it. */
async function todayIn(zone: string): Promise<string> {
  const [{ day }] = await t.db.query(`SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS day`, [zone]);
  return day;
}

const people = async () => {
  const rows = await t.db.query(`SELECT id, display_name AS name FROM users WHERE id = ANY($1)`, [Object.values(u).map((p) => p.id)]);
  return (who: Person) => rows.find((r: { id: string }) => r.id === u[who].id).name as string;
};

/**
 * A court-ordered case of the program with counsel A and party AP on side A, counsel B on side
 * B and the program administrator P, whose session on 5 March 2026 (New York) was attended by
 * M, A and AP, not B, and ended in a partial agreement: one report due.
 */
async function caseWithReportDue(overrides: Record<string, unknown> = {}) {
  const c = await f.newCase(u.M.token, { courtOrdered: true, programId, docketNumber: '2026-CV-0042', issues: [{ label: 'Price' }, { label: 'Delivery' }], ...overrides });
  await f.addParticipant(c.id, u.A.id, 'COUNSEL', c.sides[0]!.id);
  await f.addParticipant(c.id, u.AP.id, 'PARTY', c.sides[0]!.id);
  await f.addParticipant(c.id, u.B.id, 'COUNSEL', c.sides[1]!.id);
  await f.addParticipant(c.id, u.P.id, 'PROGRAM_ADMIN');
  const { scheduleSession } = await ok(
    `mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-03-05T15:00:00Z", format: JOINT }) { sessions { id } participants { id role sideId } issues { id } } }`,
    { c: c.id },
    u.M.token,
  );
  const participants: { id: string; role: string; sideId: string | null }[] = scheduleSession.participants;
  const attended = (p: { role: string; sideId: string | null }) => !(p.role === 'COUNSEL' && p.sideId === c.sides[1]!.id);
  await ok(
    `mutation ($c: ID!, $s: ID!, $a: [AttendanceInput!]!) { recordAttendance(caseId: $c, sessionId: $s, input: { attendance: $a }) { id } }`,
    { c: c.id, s: scheduleSession.sessions[0].id, a: participants.filter((p) => p.role !== 'PROGRAM_ADMIN').map((p) => ({ participantId: p.id, attended: attended(p) })) },
    u.M.token,
  );
  for (const event of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: [scheduleSession.issues[0].id] } }]) {
    await send(c.id, event);
  }
  const now = await read(c.id);
  return { id: c.id, sides: c.sides, sessionId: scheduleSession.sessions[0].id as string, participants, issues: scheduleSession.issues.map((i: { id: string }) => i.id) as string[], report: now.courtReportFilings[0] };
}

/** What a refused attempt must leave as it was: the case, its reports, deadlines and timeline, read as the superuser. */
async function footprint(caseId: string) {
  const [row] = (await admin.query(`SELECT version, updated_at, timeline_head_seq FROM cases WHERE id = $1`, [caseId])).rows;
  const reports = (await admin.query(`SELECT * FROM court_reports WHERE case_id = $1 ORDER BY id`, [caseId])).rows;
  const deadlines = (await admin.query(`SELECT id, done_at, updated_at FROM deadlines WHERE case_id = $1 ORDER BY id`, [caseId])).rows;
  const [{ events }] = (await admin.query(`SELECT count(*)::int AS events FROM case_events WHERE case_id = $1`, [caseId])).rows;
  return JSON.stringify({ row, reports, deadlines, events });
}

beforeAll(async () => {
  t = await startTestApp('court-filing');
  f = factories(t);
  admin = await adminClient(t.databaseUrl);
  org = await f.newOrganisation();
  [{ id: programId }] = await t.db.query(`INSERT INTO programs (organisation_id, name, time_zone) VALUES ($1, 'Circuit ADR', 'America/New_York') RETURNING id`, [org]);
  u.M = await f.newUser(org, 'MEDIATOR');
  u.A = await f.newUser(org);
  u.AP = await f.newUser(org);
  u.B = await f.newUser(org);
  u.P = await f.newUser(org, 'PROGRAM_ADMIN');
  u.X = await f.newUser(org, 'MEDIATOR');
  u.Y = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await t?.close();
});

describe('filing the report to the court', () => {
  it('is due after the session with what it would say now: the UMA §7 facts of that session', async () => {
    const c = await caseWithReportDue();
    const name = await people();
    expect(c.report).toEqual({
      id: expect.any(String),
      process: 'MEDIATION',
      sessionOn: '2026-03-05',
      dueAt: '2026-03-15T21:00:00.000Z',
      deadlineId: expect.any(String),
      status: 'DUE',
      filedAt: null,
      filedOn: null,
      filedByName: null,
      timeZone: 'America/New_York',
      content: {
        caption: expect.any(String),
        docketNumber: '2026-CV-0042',
        programName: 'Circuit ADR',
        process: 'MEDIATION',
        sessionOn: '2026-03-05',
        occurred: true,
        terminated: true,
        settlement: 'PARTIAL',
        mediatorName: name('M'),
        attendance: [
          { name: name('M'), role: 'MEDIATOR', attended: true },
          ...[
            { name: name('A'), role: 'COUNSEL', attended: true },
            { name: name('B'), role: 'COUNSEL', attended: false },
          ].sort((x, y) => (x.name < y.name ? -1 : 1)),
          { name: name('AP'), role: 'PARTY', attended: true },
        ],
      },
    });
  });

  it("takes one click of the case's mediator: filed with its date and filer, its deadline done, on the timeline", async () => {
    const c = await caseWithReportDue();
    const today = await todayIn('America/New_York');
    const before = await read(c.id);
    const filed = await fileAs(c.id, c.report.id, u.M.token);
    expect(filed.errors).toBeUndefined();
    const [report] = filed.data!.fileCourtReport.courtReportFilings;
    expect(report).toEqual({ ...c.report, status: 'FILED', filedAt: expect.any(String), filedOn: today, filedByName: (await people())('M') });
    const after = await read(c.id);
    expect(after.version).toBe(before.version); // a record edit: the version stays
    expect(after.deadlines.find((d: { id: string }) => d.id === c.report.deadlineId).doneAt).toEqual(expect.any(String));
    expect(after.timeline[0]).toEqual({ seq: before.timeline[0].seq + 1, type: 'COURT_REPORT_FILED', summary: `Court report filed on ${today}: the mediation of 2026-03-05` });
    // Everyone on the case reads it as filed, the program administrator and counsel included.
    for (const who of ['A', 'AP', 'B'] as const) {
      expect((await read(c.id, u[who].token)).courtReportFilings).toEqual([report]);
    }
    // The program administrator too, without the deadline's id: deadlines are case-shared.
    expect((await read(c.id, u.P.token)).courtReportFilings).toEqual([{ ...report, deadlineId: null }]);
  });

  it('twice: ALREADY_FILED, naming when, and nothing written', async () => {
    const c = await caseWithReportDue();
    expect((await fileAs(c.id, c.report.id, u.M.token)).errors).toBeUndefined();
    const before = await footprint(c.id);
    const again = await fileAs(c.id, c.report.id, u.M.token);
    expect(codeOf(again)).toBe('ALREADY_FILED');
    expect(again.errors![0]!.message).toMatch(/^This report was filed on \d{4}-\d{2}-\d{2} by .+\. A filed report is on the record as it was filed/);
    expect(await footprint(c.id)).toBe(before);
  });

  it('by anyone but the mediator: FORBIDDEN on the case, NOT_FOUND off it, and nothing written', async () => {
    const c = await caseWithReportDue();
    const other = await caseWithReportDue();
    const before = await footprint(c.id);
    for (const who of ['A', 'AP', 'B', 'P'] as const) {
      const refused = await fileAs(c.id, c.report.id, u[who].token);
      expect([who, codeOf(refused)]).toEqual([who, 'FORBIDDEN']);
      expect(refused.errors![0]!.message).toBe("Only the case's mediator files its reports to the court.");
    }
    for (const who of ['X', 'Y'] as const) {
      const refused = await fileAs(c.id, c.report.id, u[who].token);
      expect([who, codeOf(refused)]).toEqual([who, 'NOT_FOUND']);
    }
    // The case's mediator, with a report that is not this case's, or no report at all.
    for (const reportId of [other.report.id, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect([reportId, codeOf(await fileAs(c.id, reportId, u.M.token))]).toEqual([reportId, 'NOT_FOUND']);
    }
    expect(codeOf(await fileAs('not-a-case', c.report.id, u.M.token))).toBe('NOT_FOUND');
    expect(await footprint(c.id)).toBe(before);
    expect((await read(other.id)).courtReportFilings[0].status).toBe('DUE');
  });

  it('what was filed does not change when the case changes later, while a due report follows the case', async () => {
    const c = await caseWithReportDue();
    const filed = (await fileAs(c.id, c.report.id, u.M.token)).data!.fileCourtReport.courtReportFilings[0];
    // Later: attendance corrected, a name changed, the caption and docket corrected, a new session and outcome.
    const b = c.participants.find((p) => p.role === 'COUNSEL' && p.sideId === c.sides[1]!.id)!;
    await ok(
      `mutation ($c: ID!, $s: ID!, $p: ID!) { recordAttendance(caseId: $c, sessionId: $s, input: { attendance: [{ participantId: $p, attended: true }] }) { id } }`,
      { c: c.id, s: c.sessionId, p: b.id },
      u.M.token,
    );
    await admin.query(`UPDATE users SET display_name = display_name || ' (renamed)' WHERE id = $1`, [u.A.id]);
    await admin.query(`UPDATE cases SET caption = caption || ' (amended)', docket_number = '2026-CV-9999' WHERE id = $1`, [c.id]);
    try {
      const now = await read(c.id);
      expect(now.courtReportFilings).toEqual([filed]);
      // A due report says what it would say now.
      const due = await caseWithReportDue();
      await admin.query(`UPDATE cases SET docket_number = '2026-CV-7777' WHERE id = $1`, [due.id]);
      expect((await read(due.id)).courtReportFilings[0].content.docketNumber).toBe('2026-CV-7777');
    } finally {
      await admin.query(`UPDATE users SET display_name = replace(display_name, ' (renamed)', '') WHERE id = $1`, [u.A.id]);
    }
  });

  it('is held by the database: a filed row never changes, a due row changes only to filed, and no row is deleted', async () => {
    const c = await caseWithReportDue();
    const due = await caseWithReportDue();
    await fileAs(c.id, c.report.id, u.M.token);
    // The app's role: only the filing columns, never a delete or a truncate.
    await expect(t.db.query(`UPDATE court_reports SET due_at = now() WHERE id = $1`, [due.report.id])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`UPDATE court_reports SET content = '{}' WHERE id = $1`, [c.report.id])).rejects.toThrow(/a filed report never changes/);
    await expect(t.db.query(`UPDATE court_reports SET status = 'DUE', content = NULL, filed_at = NULL, filed_by = NULL WHERE id = $1`, [c.report.id])).rejects.toThrow(
      /a filed report never changes/,
    );
    await expect(t.db.query(`DELETE FROM court_reports WHERE id = $1`, [due.report.id])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`TRUNCATE court_reports CASCADE`)).rejects.toThrow(/permission denied/);
    // Even the superuser meets the trigger.
    await expect(admin.query(`UPDATE court_reports SET settlement = 'FULL' WHERE id = $1`, [c.report.id])).rejects.toThrow(/never changes/);
    await expect(admin.query(`UPDATE court_reports SET settlement = 'FULL', status = 'FILED' WHERE id = $1`, [due.report.id])).rejects.toThrow(/never changes/);
    await expect(admin.query(`DELETE FROM court_reports WHERE id = $1`, [due.report.id])).rejects.toThrow(/DELETE is not allowed/);
    expect((await read(due.id)).courtReportFilings[0].status).toBe('DUE');
  });
});

describe("the program administrator's deadlines", () => {
  const DEADLINES_PAGE = `query ($first: Int!) { cases(first: $first) { edges { node {
    id caption docketNumber
    deadlines { id kind title dueAt doneAt source ownerParticipantId ownerName }
    courtReportFilings { id process dueAt status filedOn }
  } } } }`;

  it('list the reports due and filed on their cases, with caption and docket: no deadline or other case-shared fact', async () => {
    const pa = await f.newUser(org, 'PROGRAM_ADMIN');
    const first = await caseWithReportDue();
    const second = await caseWithReportDue();
    const notReported = await f.newCase(u.M.token, { courtOrdered: true, programId });
    for (const c of [first, second, notReported]) await f.addParticipant(c.id, pa.id, 'PROGRAM_ADMIN');
    await fileAs(second.id, second.report.id, u.M.token);
    const today = await todayIn('America/New_York');
    const answer = await ok(DEADLINES_PAGE, { first: 100 }, pa.token);
    const nodes = answer.cases.edges.map((e: { node: unknown }) => e.node);
    const caption = async (id: string) => (await read(id)).courtReportFilings[0]?.content.caption ?? (await t.db.query(`SELECT caption FROM cases WHERE id = $1`, [id]))[0].caption;
    const expected = [
      { id: first.id, caption: await caption(first.id), docketNumber: '2026-CV-0042', deadlines: [], courtReportFilings: [{ id: first.report.id, process: 'MEDIATION', dueAt: '2026-03-15T21:00:00.000Z', status: 'DUE', filedOn: null }] },
      { id: second.id, caption: await caption(second.id), docketNumber: '2026-CV-0042', deadlines: [], courtReportFilings: [{ id: second.report.id, process: 'MEDIATION', dueAt: '2026-03-15T21:00:00.000Z', status: 'FILED', filedOn: today }] },
      { id: notReported.id, caption: await caption(notReported.id), docketNumber: null, deadlines: [], courtReportFilings: [] },
    ];
    expect([...nodes].sort((x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1))).toEqual(expected.sort((x, y) => (x.id < y.id ? -1 : 1)));
    // The mediator reads the same reports and, beside them, the deadlines themselves.
    const mediator = (await ok(DEADLINES_PAGE, { first: 100 }, u.M.token)).cases.edges.find((e: { node: { id: string } }) => e.node.id === first.id).node;
    expect(mediator.deadlines.map((d: { id: string; kind: string }) => [d.id, d.kind])).toEqual([[first.report.deadlineId, 'MEDIATOR_REPORT']]);
    expect(mediator.courtReportFilings).toEqual(expected.find((e) => e.id === first.id)!.courtReportFilings);
  });
});

describe('the demo', () => {
  it("gives program@demo.test two reports due on the program's cases, a mediation's and a settlement conference's, and the mediator files one", async () => {
    await seedDemo(t.db, DEMO_PASSWORD);
    const signIn = async (email: string) =>
      (await ok(`mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, { e: email, p: DEMO_PASSWORD }, '')).signIn.token as string;
    const program = await signIn('program@demo.test');
    const page = await ok(
      `{ cases(first: 100) { edges { node { id caption docketNumber programId deadlines { id } courtReportFilings { id process status dueAt timeZone } } } } }`,
      {},
      program,
    );
    const withReports = page.cases.edges.map((e: { node: any }) => e.node).filter((n: any) => n.courtReportFilings.length > 0);
    expect(withReports.map((n: any) => [n.caption, n.docketNumber, n.courtReportFilings.map((r: any) => [r.process, r.status])])).toEqual(
      expect.arrayContaining([
        ['Okoye v. Brightline Property Management', '2026-CV-02214', [['MEDIATION', 'DUE']]],
        ['Delgado v. Summit Mutual Insurance', '2026-CV-01977', [['SETTLEMENT_CONFERENCE', 'DUE']]],
      ]),
    );
    expect(withReports).toHaveLength(2);
    for (const n of withReports) {
      expect(n.programId).not.toBeNull();
      expect(n.deadlines).toEqual([]); // case-shared: not the program administrator's
      expect(Date.parse(n.courtReportFilings[0].dueAt)).toBeGreaterThan(Date.now()); // due in the coming days
    }
    const mediator = await signIn('mediator@demo.test');
    const okoye = withReports.find((n: any) => n.caption.startsWith('Okoye'));
    const filed = await fileAs(okoye.id, okoye.courtReportFilings[0].id, mediator);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileCourtReport.courtReportFilings[0]).toMatchObject({ status: 'FILED', content: { occurred: true, settlement: 'NONE', attendance: expect.arrayContaining([expect.objectContaining({ role: 'MEDIATOR', attended: true })]) } });
  });
});

describe('what a filed report says', () => {
  /** What a viewer without the UMA §7 tier's limits may still write on a case: none of it reaches a report. */
  const confidential = fc.record({
    stallReasons: fc.subarray(['LACKED_INFORMATION', 'UNREALISTIC_EXPECTATIONS', 'NO_AUTHORITY_PRESENT', 'POSTURING', 'EMOTIONS', 'TIMING'] as const, { minLength: 1 }),
    terms: fc.string({ maxLength: 40 }).map((s) => `SECRET-TERMS ${s}`),
    note: fc.string({ maxLength: 60 }).map((s) => `SECRET-NOTE ${s}`),
    offer: fc.integer({ min: 1, max: 5_000_000 }),
    offerTerms: fc.string({ maxLength: 40 }).map((s) => `SECRET-OFFER ${s}`),
    issueLabels: fc.tuple(fc.constantFrom('Price', 'Liability', 'Custody'), fc.constantFrom('Delivery', 'Damages', 'Support')),
  });
  type Confidential = typeof confidential extends fc.Arbitrary<infer T> ? T : never;

  /** The same UMA §7 facts (same caption, people, session, attendance, outcome), with `secrets` written besides. */
  async function filedWith(caption: string, secrets: Confidential) {
    const c = await caseWithReportDue({ caption, issues: secrets.issueLabels.map((label) => ({ label })) });
    await ok(`mutation ($c: ID!, $i: ID!, $x: String!) { setAgreementTerms(caseId: $c, input: { issueId: $i, terms: $x }) { id } }`, { c: c.id, i: c.issues[0], x: secrets.terms }, u.M.token);
    await ok(`mutation ($c: ID!, $b: String!) { addMediatorNote(caseId: $c, input: { body: $b }) { id } }`, { c: c.id, b: secrets.note }, u.M.token);
    await ok(
      `mutation ($c: ID!, $s: ID!, $input: WorkspaceItemInput!) { addWorkspaceItem(caseId: $c, sideId: $s, input: $input) { id } }`,
      { c: c.id, s: c.sides[0]!.id, input: { kind: 'BEST_OFFER', amount: secrets.offer, currency: 'USD', nonMoneyTerms: secrets.offerTerms } },
      u.A.token,
    );
    for (const reason of secrets.stallReasons) await send(c.id, { recordStallReason: { reason } });
    const due = (await read(c.id)).courtReportFilings[0];
    const filed = (await fileAs(c.id, c.report.id, u.M.token)).data!.fileCourtReport.courtReportFilings[0];
    return { due: due.content, filed: filed.content, stored: (await admin.query(`SELECT content FROM court_reports WHERE id = $1`, [c.report.id])).rows[0].content };
  }

  it('is a function of the UMA §7 tier alone: notes, offers, stall reasons, issues and terms never change it', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(confidential, confidential, async (one, other) => {
        const caption = `Property case ${(run += 1)}`;
        const [x, y] = [await filedWith(caption, one), await filedWith(caption, other)];
        expect(y.filed).toEqual(x.filed);
        expect(y.stored).toEqual(x.stored);
        expect(x.due).toEqual(x.filed);
        // And none of what was written is in it.
        const text = JSON.stringify([x.stored, y.stored]);
        for (const secret of [one, other].flatMap((s) => [s.terms.trim(), s.note.trim(), s.offerTerms.trim(), ...s.stallReasons, ...s.issueLabels])) {
          expect(text.includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
        }
      }),
      { numRuns: 6, seed: 20261207 },
    );
  }, 120_000);
});
