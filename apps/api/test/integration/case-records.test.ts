import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { adminClient } from '../support/database.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let org: string;
let mediator: { id: string; token: string };

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { id version state { resolution } needsAttention }
}`;
const CASE = `query ($id: ID!) { case(id: $id) {
  id version state { resolution } needsAttention nextDeadlineAt
  issues { id label description status }
  participants { id name role sideId }
  sessions { id startsAt format outcome attendance { participantId attended authorityToSettle } }
  deadlines { id kind title dueAt source ownerParticipantId ownerName doneAt }
  agreements { id status binding awaitingSides terms { issueId issueLabel terms } }
  timeline { type }
  timelineIntegrity { intact brokenAtSeq rows reason }
} }`;

async function send(caseId: string, event: Record<string, unknown>, token = mediator.token) {
  const current = await t.gql(`query ($id: ID!) { case(id: $id) { version } }`, { id: caseId }, token);
  return t.gql(TRANSITION, { caseId, v: current.data!.case.version, event }, token);
}

async function load(caseId: string, token = mediator.token) {
  const result = await t.gql(CASE, { id: caseId }, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.case;
}

async function eventCount(caseId: string): Promise<number> {
  const [row] = await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [caseId]);
  return row.n;
}

beforeAll(async () => {
  t = await startTestApp('records');
  f = factories(t);
  org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
});
afterAll(() => t.close());

describe('creating a case with issues, program and referral', () => {
  it('stores the issues open, and the referral fields', async () => {
    const [program] = await t.db.query(`INSERT INTO programs (organisation_id, name) VALUES ($1, 'Circuit Civil ADR') RETURNING id`, [org]);
    const created = await t.gql(
      `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id programId referralSource referralDate issues { label status } } }`,
      {
        input: {
          caption: 'Chen v. Brooks',
          disputeType: 'FAMILY',
          programId: program.id,
          referralSource: 'COURT_ORDER',
          referralDate: '2026-11-02',
          sides: [
            { label: 'Lin Chen', role: 'PETITIONER' },
            { label: 'Marcus Brooks', role: 'RESPONDENT' },
          ],
          issues: [{ label: 'Custody schedule' }, { label: 'Child support', description: 'Amount and start date' }],
        },
      },
      mediator.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCase).toMatchObject({
      programId: program.id,
      referralSource: 'COURT_ORDER',
      referralDate: '2026-11-02',
      issues: [
        { label: 'Custody schedule', status: 'OPEN' },
        { label: 'Child support', status: 'OPEN' },
      ],
    });
  });

  it.each([
    ['a program of another organisation', async () => ({ programId: (await t.db.query(`INSERT INTO programs (organisation_id, name) VALUES ($1, 'Elsewhere') RETURNING id`, [await f.newOrganisation()]))[0].id }), 'programId'],
    ['a referral date that is not a date', async () => ({ referralDate: '2026-02-30x' }), 'referralDate'],
    ['an issue without a label', async () => ({ issues: [{ label: '' }] }), 'issues.0.label'],
  ])('refuses %s, writing nothing', async (_what, extra, field) => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM cases`))[0].n;
    const result = await t.gql(
      `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
      { input: { caption: 'X', disputeType: 'CONTRACT', sides: [{ label: 'A', role: 'CLAIMANT' }, { label: 'B', role: 'RESPONDENT' }], ...(await extra()) } },
      mediator.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(field);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(before);
  });
});

describe('issues', () => {
  it('adds an issue through the statechart and edits its details', async () => {
    const c = await f.newCase(mediator.token);
    const added = await send(c.id, { addIssue: { label: 'Damages' } });
    expect(added.errors).toBeUndefined();
    const [issue] = (await load(c.id)).issues;
    expect(issue).toMatchObject({ label: 'Damages', status: 'OPEN', description: null });
    const edited = await t.gql(
      `mutation ($c: ID!, $i: ID!) { updateIssue(caseId: $c, issueId: $i, input: { label: "Damages (medical)", description: "Past and future" }) { issues { label description } } }`,
      { c: c.id, i: issue.id },
      mediator.token,
    );
    expect(edited.data!.updateIssue.issues).toEqual([{ label: 'Damages (medical)', description: 'Past and future' }]);
    expect((await load(c.id)).timeline.map((e: { type: string }) => e.type)).toEqual(['ISSUE_EDITED', 'ADD_ISSUE', 'CASE_OPENED']);
  });

  it('refuses a bad edit, an unknown issue, and an editor without the role', async () => {
    const c = await f.newCase(mediator.token, { issues: [{ label: 'Price' }] });
    const issueId = (await load(c.id)).issues[0].id;
    const before = await eventCount(c.id);
    const blank = await t.gql(`mutation ($c: ID!, $i: ID!) { updateIssue(caseId: $c, issueId: $i, input: { label: "" }) { id } }`, { c: c.id, i: issueId }, mediator.token);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const unknown = await t.gql(`mutation ($c: ID!) { updateIssue(caseId: $c, issueId: "00000000-0000-4000-8000-000000000000", input: { label: "Y" }) { id } }`, { c: c.id }, mediator.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const admin = await f.newUser(org, 'PROGRAM_ADMIN');
    await f.addParticipant(c.id, admin.id, 'PROGRAM_ADMIN');
    const forbidden = await t.gql(`mutation ($c: ID!, $i: ID!) { updateIssue(caseId: $c, issueId: $i, input: { label: "Y" }) { id } }`, { c: c.id, i: issueId }, admin.token);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await eventCount(c.id)).toBe(before);
    expect((await load(c.id)).issues[0].label).toBe('Price');
  });

  it('refuses an event payload of the wrong shape with the field named', async () => {
    const c = await f.newCase(mediator.token);
    const result = await send(c.id, { assignOutreachOwner: { ownerId: 'x', touchpointDate: 'next tuesday' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('touchpointDate');
  });
});

describe('sessions and attendance', () => {
  it('schedules a session, records attendance with authority, and takes the outcome from the statechart', async () => {
    const c = await f.newCase(mediator.token);
    const counsel = await f.newUser(org);
    await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
    const scheduled = await t.gql(
      `mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-12-01T14:00:00-05:00", format: CAUCUS }) { sessions { id startsAt format outcome } participants { id role } } }`,
      { c: c.id },
      mediator.token,
    );
    expect(scheduled.errors).toBeUndefined();
    const session = scheduled.data!.scheduleSession.sessions[0];
    expect(session).toMatchObject({ startsAt: '2026-12-01T19:00:00.000Z', format: 'CAUCUS', outcome: null });
    const counselParticipant = scheduled.data!.scheduleSession.participants.find((p: { role: string }) => p.role === 'COUNSEL');
    const attendance = await t.gql(
      `mutation ($c: ID!, $s: ID!, $p: ID!) { recordAttendance(caseId: $c, sessionId: $s, input: { attendance: [{ participantId: $p, attended: true, authorityToSettle: true }] }) { sessions { attendance { participantId attended authorityToSettle } } } }`,
      { c: c.id, s: session.id, p: counselParticipant.id },
      mediator.token,
    );
    expect(attendance.data!.recordAttendance.sessions[0].attendance).toEqual([{ participantId: counselParticipant.id, attended: true, authorityToSettle: true }]);

    await send(c.id, { scheduleMediation: true });
    await send(c.id, { startSession: true });
    await send(c.id, { recordOutcome: { outcome: 'NO_AGREEMENT' } });
    expect((await load(c.id)).sessions[0].outcome).toBe('NO_AGREEMENT');

    const byCounsel = await t.gql(
      `mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-12-05T14:00:00Z", format: JOINT }) { id } }`,
      { c: c.id },
      counsel.token,
    );
    expect(byCounsel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses attendance for someone who is not on the case, and a session of another case', async () => {
    const c = await f.newCase(mediator.token);
    const other = await f.newCase(mediator.token);
    const s = await t.gql(`mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-12-01T10:00:00Z", format: ONLINE }) { sessions { id } } }`, { c: other.id }, mediator.token);
    const foreignSession = s.data!.scheduleSession.sessions[0].id;
    const wrongCase = await t.gql(`mutation ($c: ID!, $s: ID!) { updateSession(caseId: $c, sessionId: $s, input: { format: JOINT }) { id } }`, { c: c.id, s: foreignSession }, mediator.token);
    expect(wrongCase.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await t.gql(`mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-12-01T10:00:00Z", format: ONLINE }) { sessions { id } } }`, { c: c.id }, mediator.token);
    const stranger = await t.gql(
      `mutation ($c: ID!, $s: ID!) { recordAttendance(caseId: $c, sessionId: $s, input: { attendance: [{ participantId: "00000000-0000-4000-8000-000000000000", attended: true }] }) { id } }`,
      { c: c.id, s: own.data!.scheduleSession.sessions[0].id },
      mediator.token,
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await t.gql(`mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "someday", format: ONLINE }) { id } }`, { c: c.id }, mediator.token);
    expect(badDate.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT/);
  });
});

describe('deadlines and "needs attention"', () => {
  it('orders by the next open deadline and flags one due within 7 days until it is done', async () => {
    const c = await f.newCase(mediator.token);
    const soon = new Date(Date.now() + 3 * 86400_000).toISOString();
    const later = new Date(Date.now() + 30 * 86400_000).toISOString();
    await t.gql(`mutation ($c: ID!, $d: DateTime!) { addDeadline(caseId: $c, input: { kind: FILING_DEADLINE, title: "Answer due", dueAt: $d, source: COURT_ORDER }) { id } }`, { c: c.id, d: later }, mediator.token);
    const added = await t.gql(
      `mutation ($c: ID!, $d: DateTime!) { addDeadline(caseId: $c, input: { kind: DISCOVERY_CUTOFF, title: "Discovery closes", dueAt: $d, source: COURT_ORDER }) { nextDeadlineAt needsAttention deadlines { id title } } }`,
      { c: c.id, d: soon },
      mediator.token,
    );
    const result = added.data!.addDeadline;
    expect(result.nextDeadlineAt).toBe(soon);
    expect(result.needsAttention).toEqual(['DEADLINE_WITHIN_7_DAYS']);
    expect(result.deadlines.map((d: { title: string }) => d.title)).toEqual(['Discovery closes', 'Answer due']);
    const done = await t.gql(
      `mutation ($c: ID!, $d: ID!) { updateDeadline(caseId: $c, deadlineId: $d, input: { done: true }) { nextDeadlineAt needsAttention deadlines { title doneAt } } }`,
      { c: c.id, d: result.deadlines[0].id },
      mediator.token,
    );
    expect(done.data!.updateDeadline).toMatchObject({ nextDeadlineAt: later, needsAttention: [] });
    expect(done.data!.updateDeadline.deadlines[1].doneAt).not.toBeNull();
  });

  it('refuses a deadline without a title or with an owner who is not on the case', async () => {
    const c = await f.newCase(mediator.token);
    const untitled = await t.gql(`mutation ($c: ID!) { addDeadline(caseId: $c, input: { kind: OTHER, title: "", dueAt: "2026-12-01T00:00:00Z", source: MEDIATOR }) { id } }`, { c: c.id }, mediator.token);
    expect(untitled.errors?.[0]?.message).toContain('title');
    const stranger = await t.gql(
      `mutation ($c: ID!) { addDeadline(caseId: $c, input: { kind: OTHER, title: "T", dueAt: "2026-12-01T00:00:00Z", source: MEDIATOR, ownerParticipantId: "00000000-0000-4000-8000-000000000000" }) { id } }`,
      { c: c.id },
      mediator.token,
    );
    expect(stranger.errors?.[0]?.message).toContain('ownerParticipantId');
    expect((await load(c.id)).deadlines).toEqual([]);
  });

  it('flags an impasse with no owner until one is assigned, which sets the next touchpoint', async () => {
    const c = await f.newCase(mediator.token);
    await send(c.id, { scheduleMediation: true });
    await send(c.id, { startSession: true });
    const impasse = await send(c.id, { recordOutcome: { outcome: 'NO_AGREEMENT' } });
    expect(impasse.data!.transitionCase.needsAttention).toEqual(['IMPASSE_WITHOUT_OWNER']);
    const attention = await t.gql(`{ cases(filter: { needsAttention: true }) { edges { node { id needsAttention } } } }`, {}, mediator.token);
    expect(attention.data!.cases.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(c.id);

    const owner = (await load(c.id)).participants[0].id;
    const nextWeek = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
    const assigned = await send(c.id, { assignOutreachOwner: { ownerId: owner, touchpointDate: nextWeek } });
    expect(assigned.errors).toBeUndefined();
    const view = await load(c.id);
    expect(view.needsAttention).toEqual([]);
    expect(view.deadlines).toEqual([expect.objectContaining({ kind: 'NEXT_TOUCHPOINT', ownerParticipantId: owner, doneAt: null })]);

    const strangerOwner = await send(c.id, { assignOutreachOwner: { ownerId: '00000000-0000-4000-8000-000000000000', touchpointDate: nextWeek } });
    expect(strangerOwner.errors?.[0]?.message).toContain('ownerId');
  });
});

describe('the pipeline query', () => {
  it('pages with cursors, filters by stage and dispute type, and refuses a forged cursor', async () => {
    const viewer = await f.newUser(org, 'MEDIATOR');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await f.newCase(viewer.token, { disputeType: i < 2 ? 'EMPLOYMENT' : 'CONTRACT' })).id);
    await send(ids[0]!, { scheduleMediation: true }, viewer.token);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(`query ($after: String) { cases(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after }, viewer.token);
      seen.push(...page.data.cases.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.data.cases.pageInfo.hasNextPage) break;
      after = page.data.cases.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([...ids].sort());
    const employment = await t.gql(`{ cases(filter: { disputeTypes: [EMPLOYMENT] }) { edges { node { id } } } }`, {}, viewer.token);
    expect(employment.data!.cases.edges).toHaveLength(2);
    const mediation = await t.gql(`{ cases(filter: { resolution: "mediation" }) { edges { node { id state { resolution } } } } }`, {}, viewer.token);
    expect(mediation.data!.cases.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    const forged = await t.gql(`{ cases(after: "bm90IGEgY3Vyc29y") { edges { cursor } } }`, {}, viewer.token);
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('costs the same number of SQL statements for 5 cases as for 50', async () => {
    const PAGE = `{ cases(first: 50) { edges { node { id caption state { resolution litigation } allowedEvents needsAttention nextDeadlineAt
      sides { label role } issues { label status } deadlines { title dueAt } myRoles { role } } } } }`;
    const count = async (token: string) => {
      t.statements.length = 0;
      const result = await t.gql(PAGE, {}, token);
      expect(result.errors).toBeUndefined();
      // Not counted: transaction control, and the change notices that earlier writes send in the
      // background (batched, so they may land while the page is read).
      const counted = t.statements.filter((s) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(s) && !s.startsWith('SELECT pg_notify'));
      return { statements: counted.length, cases: result.data!.cases.edges.length };
    };
    const small = await f.newUser(org, 'MEDIATOR');
    const large = await f.newUser(org, 'MEDIATOR');
    for (let i = 0; i < 5; i += 1) await f.newCase(small.token, { issues: [{ label: `Issue ${i}` }] });
    for (let i = 0; i < 50; i += 1) await f.newCase(large.token, { issues: [{ label: `Issue ${i}` }] });
    const few = await count(small.token);
    const many = await count(large.token);
    expect(few.cases).toBe(5);
    expect(many.cases).toBe(50);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(6);
  });
});

describe('concurrency and the audit trail', () => {
  it('lets exactly one of 50 concurrent transitions with the same version win', async () => {
    const c = await f.newCase(mediator.token);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token)),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'VERSION_CONFLICT')).toHaveLength(49);
    const [row] = await t.db.query(`SELECT version, (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events FROM cases WHERE id = $1`, [c.id]);
    expect(row).toEqual({ version: 2, events: 2 });
  });

  it('verifies the hash chain, and detects a row tampered with by a superuser', async () => {
    const c = await f.newCase(mediator.token);
    await send(c.id, { scheduleMediation: true });
    await send(c.id, { startSession: true });
    expect((await load(c.id)).timelineIntegrity).toEqual({ intact: true, brokenAtSeq: null, rows: 3, reason: null });
    const admin = await adminClient(t.databaseUrl);
    try {
      await admin.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_or_delete`);
      await admin.query(`UPDATE case_events SET payload = '{"outcome":"SETTLED"}' WHERE case_id = $1 AND seq = 2`, [c.id]);
      await admin.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_or_delete`);
    } finally {
      await admin.end();
    }
    expect((await load(c.id)).timelineIntegrity).toEqual({ intact: false, brokenAtSeq: 2, rows: 3, reason: 'ROW_ALTERED' });
  });
});
