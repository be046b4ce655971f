import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { adminClient } from '../support/database.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 6, the api side: the 48-hour debrief, the mediator's report deadline (10 calendar
 * days in the court's time zone, across daylight-saving changes), recommendations and playbooks.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;
let org: string;
const u = {} as Record<'M' | 'A' | 'PA' | 'B' | 'P', { id: string; token: string }>;

const HOUR = 3_600_000;

async function ok(query: string, variables: Record<string, unknown>, token: string) {
  const result = await t.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function send(caseId: string, event: Record<string, unknown>, token = u.M.token) {
  const { case: c } = await ok(`query ($id: ID!) { case(id: $id) { version } }`, { id: caseId }, token);
  return t.gql(`mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { id } }`, { c: caseId, v: c.version, e: event }, token);
}

async function sendOk(caseId: string, event: Record<string, unknown>, token = u.M.token) {
  const result = await send(caseId, event, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

async function program(timeZone?: string): Promise<string> {
  const [row] = timeZone
    ? await t.db.query(`INSERT INTO programs (organisation_id, name, time_zone) VALUES ($1, 'Court program', $2) RETURNING id`, [org, timeZone])
    : await t.db.query(`INSERT INTO programs (organisation_id, name) VALUES ($1, 'Court program') RETURNING id`, [org]);
  return row.id;
}

/** A case with counsel and a party on side A and counsel on side B, whose session at `startsAt` ends with `outcome`. */
async function sessionEnded(startsAt: string, outcome: string, overrides: Record<string, unknown> = {}) {
  const partial = outcome === 'PARTIAL_AGREEMENT';
  const c = await f.newCase(u.M.token, partial ? { issues: [{ label: 'Price' }, { label: 'Delivery' }], ...overrides } : overrides);
  await f.addParticipant(c.id, u.A.id, 'COUNSEL', c.sides[0]!.id);
  await f.addParticipant(c.id, u.PA.id, 'PARTY', c.sides[0]!.id);
  await f.addParticipant(c.id, u.B.id, 'COUNSEL', c.sides[1]!.id);
  await f.addParticipant(c.id, u.P.id, 'PROGRAM_ADMIN');
  await ok(`mutation ($c: ID!, $s: DateTime!) { scheduleSession(caseId: $c, input: { startsAt: $s, format: JOINT }) { id } }`, { c: c.id, s: startsAt }, u.M.token);
  const agreed = partial ? [(await ok(`query ($id: ID!) { case(id: $id) { issues { id } } }`, { id: c.id }, u.M.token)).case.issues[0].id] : undefined;
  for (const event of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome, agreedIssueIds: agreed } }]) await sendOk(c.id, event);
  return c;
}

const CASE = `query ($id: ID!) { case(id: $id) {
  needsAttention
  debrief { openedAt dueAt completedAt overdue missing }
  deadlines { kind title dueAt source ownerParticipantId }
  participants { id role }
} }`;
const read = async (id: string, token = u.M.token) => (await ok(CASE, { id }, token)).case;
const reportDue = async (id: string) => (await read(id)).deadlines.filter((d: any) => d.kind === 'MEDIATOR_REPORT').map((d: any) => d.dueAt);

beforeAll(async () => {
  t = await startTestApp('post-impasse');
  f = factories(t);
  org = await f.newOrganisation();
  u.M = await f.newUser(org, 'MEDIATOR');
  u.A = await f.newUser(org);
  u.PA = await f.newUser(org);
  u.B = await f.newUser(org);
  u.P = await f.newUser(org, 'PROGRAM_ADMIN');
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe("the mediator's report to the court: 10 calendar days in the court's time zone, due 17:00 there", () => {
  it.each([
    ['New York, across the March switch to EDT', 'America/New_York', '2026-03-05T15:00:00Z', '2026-03-15T21:00:00.000Z'],
    ['New York, an evening session that is already the next day in UTC', 'America/New_York', '2026-03-05T03:30:00Z', '2026-03-14T21:00:00.000Z'],
    ['New York, across the November switch to EST', 'America/New_York', '2026-10-30T14:00:00Z', '2026-11-09T22:00:00.000Z'],
    ['London, across the switch to BST', 'Europe/London', '2026-03-25T10:00:00Z', '2026-04-04T16:00:00.000Z'],
    ['London, in winter', 'Europe/London', '2026-01-10T10:00:00Z', '2026-01-20T17:00:00.000Z'],
    ['Los Angeles, across the November switch', 'America/Los_Angeles', '2026-10-28T18:00:00Z', '2026-11-08T01:00:00.000Z'],
  ])('%s', async (_label, zone, startsAt, due) => {
    const c = await sessionEnded(startsAt, 'NO_AGREEMENT', { courtOrdered: true, programId: await program(zone) });
    const now = await read(c.id);
    const report = now.deadlines.find((d: any) => d.kind === 'MEDIATOR_REPORT');
    expect(report).toMatchObject({ dueAt: due, source: 'RULE', title: "Mediator's report to the court" });
    expect(report.ownerParticipantId).toBe(now.participants.find((p: any) => p.role === 'MEDIATOR').id);
  });

  it('uses the program default (America/New_York), and New York for a case without a program', async () => {
    const withProgram = await sessionEnded('2026-03-05T15:00:00Z', 'PARTIAL_AGREEMENT', { courtOrdered: true, programId: await program() });
    expect(await reportDue(withProgram.id)).toEqual(['2026-03-15T21:00:00.000Z']);
    const withoutProgram = await sessionEnded('2026-03-05T15:00:00Z', 'SETTLED', { courtOrdered: true });
    expect(await reportDue(withoutProgram.id)).toEqual(['2026-03-15T21:00:00.000Z']);
  });

  it('is not created for a case no court ordered', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'NO_AGREEMENT');
    expect(await reportDue(c.id)).toEqual([]);
  });

  it('rejects a time zone PostgreSQL does not know', async () => {
    await expect(program('Mars/Olympus_Mons')).rejects.toThrow();
  });
});

/**
 * A case with counsel on both sides and the program administrator, in which the court orders
 * `process` (suit filed first: a court orders ADR in a pending case), whose session at
 * `startsAt` ends with `outcome`.
 */
async function adrSessionEnded(process: 'SETTLEMENT_CONFERENCE' | 'EARLY_NEUTRAL_EVALUATION', startsAt: string, outcome: string, overrides: Record<string, unknown> = {}) {
  const c = await f.newCase(u.M.token, overrides);
  await f.addParticipant(c.id, u.A.id, 'COUNSEL', c.sides[0]!.id);
  await f.addParticipant(c.id, u.B.id, 'COUNSEL', c.sides[1]!.id);
  await f.addParticipant(c.id, u.P.id, 'PROGRAM_ADMIN');
  await sendOk(c.id, { fileSuit: true }, u.A.token);
  await sendOk(c.id, { orderAdr: { process } }, u.P.token);
  await ok(`mutation ($c: ID!, $s: DateTime!) { scheduleSession(caseId: $c, input: { startsAt: $s, format: JOINT }) { id } }`, { c: c.id, s: startsAt }, u.M.token);
  await sendOk(c.id, { recordAdrOutcome: { outcome } });
  return c;
}

const FILINGS = `query ($id: ID!) { case(id: $id) {
  sessions { id startsAt process outcome }
  deadlines { id kind title dueAt source ownerParticipantId }
  participants { id role }
  courtReportFilings { id process sessionOn dueAt deadlineId status content { process sessionOn occurred terminated settlement } }
} }`;

describe.each([
  ['a settlement conference', 'SETTLEMENT_CONFERENCE', "Mediator's report to the court: settlement conference"],
  ['an early neutral evaluation', 'EARLY_NEUTRAL_EVALUATION', "Mediator's report to the court: early neutral evaluation"],
] as const)('the report to the court after %s a court ordered: 10 calendar days in its time zone, due 17:00 there', (_label, process, title) => {
  it.each([
    ['New York, across the March switch to EDT (spring forward)', 'America/New_York', '2026-03-05T15:00:00Z', '2026-03-05', '2026-03-15T21:00:00.000Z'],
    ['New York, an evening session that is already the next day in UTC', 'America/New_York', '2026-03-05T03:30:00Z', '2026-03-04', '2026-03-14T21:00:00.000Z'],
    ['New York, across the November switch to EST (fall back)', 'America/New_York', '2026-10-30T14:00:00Z', '2026-10-30', '2026-11-09T22:00:00.000Z'],
    ['London, across the switch to BST (spring forward)', 'Europe/London', '2026-03-25T10:00:00Z', '2026-03-25', '2026-04-04T16:00:00.000Z'],
    ['London, across the switch back to GMT (fall back)', 'Europe/London', '2026-10-20T10:00:00Z', '2026-10-20', '2026-10-30T17:00:00.000Z'],
    ['Los Angeles, across the November switch (fall back)', 'America/Los_Angeles', '2026-10-28T18:00:00Z', '2026-10-28', '2026-11-08T01:00:00.000Z'],
  ])('%s', async (_where, zone, startsAt, sessionOn, due) => {
    const c = await adrSessionEnded(process, startsAt, 'NO_AGREEMENT', { programId: await program(zone) });
    const now = (await ok(FILINGS, { id: c.id }, u.M.token)).case;
    expect(now.sessions).toEqual([expect.objectContaining({ startsAt: new Date(startsAt).toISOString(), process, outcome: 'NO_AGREEMENT' })]);
    const deadline = now.deadlines.find((d: any) => d.kind === 'MEDIATOR_REPORT');
    expect(deadline).toMatchObject({ dueAt: due, source: 'RULE', title });
    expect(deadline.ownerParticipantId).toBe(now.participants.find((p: any) => p.role === 'MEDIATOR').id);
    expect(now.courtReportFilings).toEqual([
      {
        id: expect.any(String),
        process,
        sessionOn,
        dueAt: due,
        deadlineId: deadline.id,
        status: 'DUE',
        content: { process, sessionOn, occurred: true, terminated: true, settlement: 'NONE' },
      },
    ]);
  });

  it.each([
    ['SETTLED', 'FULL'],
    ['NO_AGREEMENT', 'NONE'],
  ])('says whether it settled: %s is %s', async (outcome, settlement) => {
    const c = await adrSessionEnded(process, '2026-01-10T15:00:00Z', outcome);
    const [filing] = (await ok(FILINGS, { id: c.id }, u.M.token)).case.courtReportFilings;
    expect(filing.content).toMatchObject({ occurred: true, settlement });
    expect(filing.dueAt).toBe('2026-01-20T22:00:00.000Z'); // no program: New York, EST
  });

  it('is not due after one in a case no court referred or ordered', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'NO_AGREEMENT');
    await sendOk(c.id, { recordStallReason: { reason: 'TIMING' } });
    const participants = (await read(c.id)).participants;
    await sendOk(c.id, { assignOutreachOwner: { ownerId: participants.find((p: any) => p.role === 'MEDIATOR').id, touchpointDate: '2026-03-09' } });
    await sendOk(c.id, process === 'SETTLEMENT_CONFERENCE' ? { scheduleSettlementConference: true } : { scheduleEarlyNeutralEvaluation: true });
    await sendOk(c.id, { recordAdrOutcome: { outcome: 'NO_AGREEMENT' } });
    const now = (await ok(FILINGS, { id: c.id }, u.M.token)).case;
    expect(now.courtReportFilings).toEqual([]);
    expect(now.deadlines.filter((d: any) => d.kind === 'MEDIATOR_REPORT')).toEqual([]);
  });
});

describe('the report to the court after a court-ordered mediation session', () => {
  it('is one due report per ended session, with its deadline, counted from that session', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'PARTIAL_AGREEMENT', { courtOrdered: true, programId: await program('America/New_York') });
    const now = (await ok(FILINGS, { id: c.id }, u.M.token)).case;
    const deadline = now.deadlines.find((d: any) => d.kind === 'MEDIATOR_REPORT');
    expect(now.courtReportFilings).toEqual([
      {
        id: expect.any(String),
        process: 'MEDIATION',
        sessionOn: '2026-03-05',
        dueAt: '2026-03-15T21:00:00.000Z',
        deadlineId: deadline.id,
        status: 'DUE',
        content: { process: 'MEDIATION', sessionOn: '2026-03-05', occurred: true, terminated: true, settlement: 'PARTIAL' },
      },
    ]);
  });

  it('reports a session not held as not occurred, and one not held for a prior settlement as settled', async () => {
    for (const [reason, settlement] of [
      ['NO_RESPONSE', 'NONE'],
      ['PRIOR_SETTLEMENT', 'FULL'],
    ] as const) {
      const c = await f.newCase(u.M.token, { courtOrdered: true });
      await ok(`mutation ($c: ID!, $s: DateTime!) { scheduleSession(caseId: $c, input: { startsAt: $s, format: JOINT }) { id } }`, { c: c.id, s: '2026-02-02T15:00:00Z' }, u.M.token);
      await sendOk(c.id, { scheduleMediation: true });
      await sendOk(c.id, { recordSessionNotHeld: { reason } });
      const [filing] = (await ok(FILINGS, { id: c.id }, u.M.token)).case.courtReportFilings;
      expect(filing).toMatchObject({ process: 'MEDIATION', sessionOn: '2026-02-02', dueAt: '2026-02-12T22:00:00.000Z' });
      expect(filing.content).toMatchObject({ occurred: false, terminated: true, settlement });
    }
  });
});

describe('the debrief', () => {
  it('opens exactly 48 hours after the session, across a DST change, only for partial or no agreement', async () => {
    const c = await sessionEnded('2026-03-07T15:00:00Z', 'NO_AGREEMENT', { courtOrdered: true });
    expect((await read(c.id)).debrief).toMatchObject({ dueAt: '2026-03-09T15:00:00.000Z', completedAt: null, overdue: true });
    const partial = await sessionEnded('2026-10-31T12:00:00Z', 'PARTIAL_AGREEMENT');
    expect((await read(partial.id)).debrief.dueAt).toBe('2026-11-02T12:00:00.000Z');
    const settled = await sessionEnded('2026-03-07T15:00:00Z', 'SETTLED');
    expect((await read(settled.id)).debrief).toBeNull();
  });

  it('turns overdue past 48 hours, shows in needs attention, and completes with stall reasons and outreach in the same transaction', async () => {
    const c = await sessionEnded(new Date(Date.now() + HOUR).toISOString(), 'NO_AGREEMENT');
    let now = await read(c.id);
    expect(now.debrief.overdue).toBe(false);
    expect(now.needsAttention).not.toContain('DEBRIEF_OVERDUE');
    expect(now.debrief.missing).toEqual([
      'Why the session stalled: no stall reason recorded yet.',
      'The owner of the next outreach and the touchpoint date: not assigned yet.',
    ]);

    await t.db.query(`UPDATE debriefs SET opened_at = now() - interval '50 hours', due_at = now() - interval '2 hours' WHERE case_id = $1`, [c.id]);
    now = await read(c.id);
    expect(now.debrief.overdue).toBe(true);
    expect(now.needsAttention).toContain('DEBRIEF_OVERDUE');
    const flagged = await ok(`{ cases(filter: { needsAttention: true }) { edges { node { id needsAttention } } } }`, {}, u.M.token);
    expect(flagged.cases.edges.find((e: any) => e.node.id === c.id).node.needsAttention).toContain('DEBRIEF_OVERDUE');

    await sendOk(c.id, { recordStallReason: { reason: 'LACKED_INFORMATION' } });
    now = await read(c.id);
    expect(now.debrief).toMatchObject({ overdue: true, completedAt: null });
    expect(now.debrief.missing).toEqual([
      'The remedy for "missing information": not recorded yet.',
      'The owner of the next outreach and the touchpoint date: not assigned yet.',
    ]);

    const owner = now.participants.find((p: any) => p.role === 'MEDIATOR').id;
    await sendOk(c.id, { assignOutreachOwner: { ownerId: owner, touchpointDate: new Date(Date.now() + 7 * 24 * HOUR).toISOString().slice(0, 10) } });
    now = await read(c.id);
    expect(now.debrief.overdue).toBe(false);
    expect(now.debrief.completedAt).not.toBeNull();
    expect(now.debrief.missing).toEqual([]);
    expect(now.needsAttention).not.toContain('DEBRIEF_OVERDUE');
    // now() is the transaction's start: equal to the case's updated_at only when written by the event's own transaction.
    const [same] = await t.db.query(
      `SELECT d.completed_at = c.updated_at AS same FROM debriefs d JOIN cases c ON c.id = d.case_id WHERE d.case_id = $1`,
      [c.id],
    );
    expect(same.same).toBe(true);
  });

  it('says nothing of a side’s private workspace, and nothing at all to a program administrator', async () => {
    const c = await sessionEnded(new Date(Date.now() + HOUR).toISOString(), 'NO_AGREEMENT');
    const before = (await read(c.id, u.B.token)).debrief;
    await ok(
      `mutation ($c: ID!, $s: ID!) { addWorkspaceItem(caseId: $c, sideId: $s, input: { kind: BEST_OFFER, amount: 4242.42, currency: "USD" }) { id } }`,
      { c: c.id, s: c.sides[0]!.id },
      u.A.token,
    );
    for (const who of [u.M, u.A, u.PA, u.B]) expect((await read(c.id, who.token)).debrief).toEqual(before);
    expect(JSON.stringify(before)).not.toMatch(/offer|BATNA|4242/i);
    const admin = await read(c.id, u.P.token);
    expect(admin.debrief).toBeNull();
    expect(admin.needsAttention).toEqual([]);
  });
});

const NEXT = `query ($id: ID!) { case(id: $id) {
  recommendations { recommended { rank path label score event { type mediator binding } reasons ruleIds } excluded { path reasons excludedBy } firedRules }
  playbook { path done total items { id label kind done doneAt } }
  myStrategy { sideId path done total items { id label kind done doneAt } }
} }`;

describe('recommendations', () => {
  it('rank the paths the viewer may start, with reasons; re-mediation waits for the remedy; parties and program administrators get none', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'NO_AGREEMENT');
    await sendOk(c.id, { recordStallReason: { reason: 'LACKED_INFORMATION' } });
    const owner = (await read(c.id)).participants.find((p: any) => p.role === 'MEDIATOR').id;
    await sendOk(c.id, { assignOutreachOwner: { ownerId: owner, touchpointDate: '2026-12-01' } });

    let rec = (await ok(NEXT, { id: c.id }, u.M.token)).case.recommendations;
    expect(rec.firedRules).toContain('information-missing');
    expect(rec.recommended.map((r: any) => r.path)).not.toContain('REMEDIATE_SAME');
    expect(rec.excluded.find((e: any) => e.path === 'REMEDIATE_SAME').excludedBy).toContain('information-missing');
    // Only counsel may start a direct negotiation: never recommended to the mediator.
    expect(rec.excluded.find((e: any) => e.path === 'NEGOTIATE').excludedBy).toContain('statechart');

    await sendOk(c.id, { recordRemedy: { remedy: 'INFORMATION_EXCHANGED' } });
    rec = (await ok(NEXT, { id: c.id }, u.M.token)).case.recommendations;
    expect(rec.recommended[0]).toMatchObject({ rank: 1, path: 'REMEDIATE_SAME', event: { type: 'REMEDIATE', mediator: 'SAME', binding: null } });
    expect(rec.recommended[0].ruleIds).toContain('information-exchanged');
    expect(rec.recommended[0].reasons.length).toBeGreaterThan(0);

    const counsel = (await ok(NEXT, { id: c.id }, u.A.token)).case.recommendations;
    expect(counsel.recommended.map((r: any) => r.path)).toContain('NEGOTIATE');
    expect(counsel.excluded.find((e: any) => e.path === 'REMEDIATE_SAME').excludedBy).toContain('statechart');

    expect((await ok(NEXT, { id: c.id }, u.PA.token)).case.recommendations).toBeNull();
    expect((await ok(NEXT, { id: c.id }, u.P.token)).case).toEqual({ recommendations: null, playbook: null, myStrategy: null });
  });

  it('read the case’s deadlines: a court date within 30 days in a court-ordered case puts the settlement conference first', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'NO_AGREEMENT', { courtOrdered: true });
    await sendOk(c.id, { recordStallReason: { reason: 'TIMING' } });
    const owner = (await read(c.id)).participants.find((p: any) => p.role === 'MEDIATOR').id;
    await sendOk(c.id, { assignOutreachOwner: { ownerId: owner, touchpointDate: '2026-12-01' } });
    await ok(
      `mutation ($c: ID!, $d: DateTime!) { addDeadline(caseId: $c, input: { kind: COURT_DATE, title: "Trial", dueAt: $d, source: COURT_ORDER }) { id } }`,
      { c: c.id, d: new Date(Date.now() + 10 * 24 * HOUR).toISOString() },
      u.M.token,
    );
    const rec = (await ok(NEXT, { id: c.id }, u.M.token)).case.recommendations;
    expect(rec.recommended[0].path).toBe('SETTLEMENT_CONFERENCE');
    expect(rec.recommended[0].ruleIds).toContain('trial-near');
  });

  it('are null outside impasse', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'SETTLED');
    expect((await ok(NEXT, { id: c.id }, u.M.token)).case.recommendations).toBeNull();
  });
});

describe('playbooks', () => {
  const SET = `mutation ($c: ID!, $i: String!, $d: Boolean!, $s: ID) { setPlaybookItemDone(caseId: $c, itemId: $i, done: $d, sideId: $s) {
    version updatedAt playbook { path done total items { id kind done } } myStrategy { sideId done total items { id kind done } } } }`;
  const tick = (c: string, i: string, d: boolean, token: string, s?: string) => t.gql(SET, { c, i, d, s: s ?? null }, token);
  const codeOf = async (result: Promise<{ errors?: { extensions?: { code?: string } }[] }>) => (await result).errors?.[0]?.extensions?.code;
  const timelineRows = async (id: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type LIKE 'PLAYBOOK_ITEM_%'`, [id]))[0].n as number;

  async function remediationCase(disputeType: string) {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'NO_AGREEMENT', { disputeType });
    await sendOk(c.id, { recordStallReason: { reason: 'NO_AUTHORITY_PRESENT' } });
    await sendOk(c.id, { recordRemedy: { remedy: 'DECISION_MAKER_CONFIRMED' } });
    const owner = (await read(c.id)).participants.find((p: any) => p.role === 'MEDIATOR').id;
    await sendOk(c.id, { assignOutreachOwner: { ownerId: owner, touchpointDate: '2026-12-01' } });
    return c;
  }

  it('the process checklist is the case’s: the mediator and every side see and tick it, on the timeline', async () => {
    const c = await remediationCase('FAMILY');
    const { playbook } = (await ok(NEXT, { id: c.id }, u.A.token)).case;
    expect(playbook.path).toBe('REMEDIATE_SAME');
    expect(playbook.items.map((i: any) => [i.id, i.kind])).toEqual([
      ['remediation.pre-mediation-calls', 'PROCESS'],
      ['remediation.tighter-agenda', 'PROCESS'],
      ['remediation.staged-issues', 'PROCESS'],
      ['remediation.authority-confirmed', 'PROCESS'],
    ]);
    // A party ticks it; the other side and the mediator read the same progress.
    expect((await ok(SET, { c: c.id, i: 'remediation.tighter-agenda', d: true }, u.PA.token)).setPlaybookItemDone.playbook.done).toBe(1);
    expect((await ok(NEXT, { id: c.id }, u.B.token)).case.playbook.done).toBe(1);
    expect((await ok(NEXT, { id: c.id }, u.M.token)).case.playbook.done).toBe(1);
    expect(await codeOf(tick(c.id, 'remediation.staged-issues', true, u.P.token))).toBe('FORBIDDEN');
    const unknown = await tick(c.id, 'family.no-such-step', true, u.M.token);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemId' });
    expect((await ok(SET, { c: c.id, i: 'remediation.tighter-agenda', d: false }, u.M.token)).setPlaybookItemDone.playbook.done).toBe(0);
    expect(await timelineRows(c.id)).toBe(2);
  });

  it('a side’s strategy checklist is that side’s: only its counsel and parties see and tick it, and nothing else tells', async () => {
    const c = await remediationCase('FAMILY');
    const [sideA, sideB] = [c.sides[0]!.id, c.sides[1]!.id];
    const before = (await ok(`query ($id: ID!) { case(id: $id) { version updatedAt } }`, { id: c.id }, u.M.token)).case;
    const mine = (await ok(NEXT, { id: c.id }, u.A.token)).case.myStrategy;
    expect(mine).toMatchObject({ sideId: sideA, path: 'REMEDIATE_SAME', done: 0 });
    expect(mine.items.map((i: any) => [i.id, i.kind])).toEqual([
      ['family.temporary-orders', 'STRATEGY'],
      ['family.financial-disclosure', 'STRATEGY'],
      ['family.evaluations', 'STRATEGY'],
    ]);

    const ticked = (await ok(SET, { c: c.id, i: 'family.temporary-orders', d: true, s: null }, u.A.token)).setPlaybookItemDone;
    expect(ticked.myStrategy).toMatchObject({ sideId: sideA, done: 1 });
    // The party of the same side reads it; the other side has its own, untouched; the mediator and the program administrator have none.
    expect((await ok(NEXT, { id: c.id }, u.PA.token)).case.myStrategy.done).toBe(1);
    expect((await ok(NEXT, { id: c.id }, u.B.token)).case.myStrategy).toMatchObject({ sideId: sideB, done: 0 });
    expect((await ok(NEXT, { id: c.id }, u.M.token)).case.myStrategy).toBeNull();
    expect((await ok(NEXT, { id: c.id }, u.P.token)).case.myStrategy).toBeNull();
    expect((await ok(`query ($id: ID!, $s: ID!) { case(id: $id) { myStrategy(sideId: $s) { sideId } } }`, { id: c.id, s: sideA }, u.B.token)).case.myStrategy).toBeNull();

    // Another side's checklist answers as a side that does not exist; the mediator and the program administrator tick none.
    const intruder = await tick(c.id, 'family.evaluations', true, u.B.token, sideA);
    expect(intruder.errors?.[0]).toMatchObject({ message: 'No side with that id exists, or you do not have access to it.', extensions: { code: 'NOT_FOUND' } });
    expect(await codeOf(tick(c.id, 'family.evaluations', true, u.M.token))).toBe('FORBIDDEN');
    expect(await codeOf(tick(c.id, 'family.evaluations', true, u.P.token))).toBe('FORBIDDEN');
    expect((await tick(c.id, 'pi.medical-records', true, u.A.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemId' });

    // No timeline entry, no new version, not even a new updatedAt.
    expect(await timelineRows(c.id)).toBe(0);
    expect((await ok(`query ($id: ID!) { case(id: $id) { version updatedAt } }`, { id: c.id }, u.M.token)).case).toEqual(before);
    const [row] = await t.db.query(`SELECT side_id AS "sideId" FROM case_playbook_items WHERE case_id = $1`, [c.id]);
    expect(row).toEqual({ sideId: sideA });
    expect((await ok(SET, { c: c.id, i: 'family.temporary-orders', d: false, s: sideA }, u.PA.token)).setPlaybookItemDone.myStrategy.done).toBe(0);
  });

  it('follow the path the case took once it left impasse', async () => {
    const c = await sessionEnded('2026-03-05T15:00:00Z', 'NO_AGREEMENT', { disputeType: 'BUSINESS' });
    await sendOk(c.id, { recordStallReason: { reason: 'POSTURING' } });
    const owner = (await read(c.id)).participants.find((p: any) => p.role === 'MEDIATOR').id;
    await sendOk(c.id, { assignOutreachOwner: { ownerId: owner, touchpointDate: '2026-12-01' } });
    await sendOk(c.id, { startNegotiation: true }, u.A.token);
    const { playbook, myStrategy } = (await ok(NEXT, { id: c.id }, u.A.token)).case;
    // Negotiating has no process steps; the side's own terms to prepare are its strategy.
    expect(playbook).toBeNull();
    expect(myStrategy.path).toBe('NEGOTIATE');
    expect(myStrategy.items.map((i: any) => i.id)).toContain('business.payment-schedule');
  });

  it('progress ticked before the split stays meaningful: a strategy tick becomes its side’s (every side’s when the mediator ticked it)', async () => {
    const { PlaybookSides1764920000000 } = await import('../../src/database/migrations/1764920000000-PlaybookSides.js');
    const c = await remediationCase('FAMILY');
    const [sideA, sideB] = [c.sides[0]!.id, c.sides[1]!.id];
    const migration = new PlaybookSides1764920000000();
    // Migrations run as the owner of the tables, not as the app's role.
    const owner = await adminClient(t.databaseUrl);
    const runner = { query: async (sql: string, params?: unknown[]) => (await owner.query(sql, params as never[])).rows } as unknown as QueryRunner;
    try {
      await migration.down(runner);
      await owner.query(
        `INSERT INTO case_playbook_items (case_id, item_id, done_by) VALUES ($1, 'family.temporary-orders', $2), ($1, 'family.evaluations', $3), ($1, 'remediation.tighter-agenda', $3)`,
        [c.id, u.A.id, u.M.id],
      );
      await migration.up(runner);
    } finally {
      await owner.end();
    }
    const rows: { itemId: string; sideId: string | null }[] = await t.db.query(`SELECT item_id AS "itemId", side_id AS "sideId" FROM case_playbook_items WHERE case_id = $1`, [c.id]);
    const named = (id: string | null) => (id === sideA ? 'A' : id === sideB ? 'B' : 'case');
    expect(rows.map((r) => `${r.itemId} ${named(r.sideId)}`).sort()).toEqual(
      ['family.evaluations A', 'family.evaluations B', 'family.temporary-orders A', 'remediation.tighter-agenda case'].sort(),
    );
    expect((await ok(NEXT, { id: c.id }, u.B.token)).case.myStrategy.done).toBe(1);
    expect((await ok(NEXT, { id: c.id }, u.A.token)).case.myStrategy.done).toBe(2);
    expect((await ok(NEXT, { id: c.id }, u.B.token)).case.playbook.done).toBe(1);
  });
});
