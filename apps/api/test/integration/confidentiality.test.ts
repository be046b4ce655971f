import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { CASE_FIELD_TIERS, tiersMarkdown, type CaseField } from '../../src/policy/tiers.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { reportQueries } from '../support/selection.js';
import { disposeClients, socketClient, subscribe } from '../support/subscriptions.js';

/**
 * The leak test (issue 5): one case with every kind of confidential record, carrying marker
 * strings and amounts, read by every viewer through every path. A marker may appear in a
 * response only for the viewers its tier entitles; the program administrator gets the
 * court-reportable tier and nothing else.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let t: TestApp;
type ViewerName = 'M' | 'A1' | 'A2' | 'B1' | 'P' | 'O' | 'X';
const VIEWERS: ViewerName[] = ['M', 'A1', 'A2', 'B1', 'P', 'O', 'X'];
const users = {} as Record<ViewerName, { id: string; token: string }>;
let caseId: string;
let sideA: string;
let sideB: string;
let otherCase: { id: string; sides: { id: string }[] };
let programId: string;
const ids = {} as Record<string, string>;

const ISSUE_LABEL = 'MARKER-ISSUE-LABEL-5521';
const DEADLINE_TITLE = 'MARKER-DEADLINE-8810';
const STALL_REASON = 'UNREALISTIC_EXPECTATIONS';

/** Every confidential value, and who may see it through which Case field. */
const MARKERS: { text: string; seenIn: Partial<Record<CaseField, ViewerName[]>> }[] = [
  { text: 'MARKER-A-DEALBREAKER-7731', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: 'MARKER-A-HIDDEN-2207', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: 'MARKER-A-BATNA-3391', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: 'MARKER-A-NOTE-4413', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: 'MARKER-A-OFFER-1101', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: '912345.67', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: '123456.78', seenIn: { myWorkspace: ['A1', 'A2'] } },
  { text: 'MARKER-A-SHARED-5519', seenIn: { myWorkspace: ['A1', 'A2'], sharedWithMediator: ['M'] } },
  { text: 'MARKER-B-DEALBREAKER-8841', seenIn: { myWorkspace: ['B1'] } },
  { text: 'MARKER-B-HIDDEN-8842', seenIn: { myWorkspace: ['B1'] } },
  { text: 'MARKER-B-BATNA-8843', seenIn: { myWorkspace: ['B1'] } },
  { text: 'MARKER-B-NOTE-8844', seenIn: { myWorkspace: ['B1'] } },
  { text: 'MARKER-B-OFFER-8845', seenIn: { myWorkspace: ['B1'] } },
  { text: '876543.21', seenIn: { myWorkspace: ['B1'] } },
  { text: '765432.1', seenIn: { myWorkspace: ['B1'] } },
  { text: 'MARKER-M-NOTE-6601', seenIn: { mediatorNotes: ['M'] } },
  { text: 'MARKER-M-CAUCUS-6602', seenIn: { mediatorNotes: ['M'] } },
  { text: ISSUE_LABEL, seenIn: { issues: ['M', 'A1', 'A2', 'B1'] } },
  { text: DEADLINE_TITLE, seenIn: { deadlines: ['M', 'A1', 'A2', 'B1'] } },
  // A stall reason's value is never on the timeline (the event is confidential); its entry is case-shared.
  { text: 'Record stall reason', seenIn: { timeline: ['M', 'A1', 'A2', 'B1'] } },
];

/** A selection for every Case field: a field added to the tier table needs a row here (typed). */
const SELECTIONS: Record<CaseField, string> = {
  id: 'id',
  caption: 'caption',
  docketNumber: 'docketNumber',
  disputeType: 'disputeType',
  courtOrdered: 'courtOrdered',
  programId: 'programId',
  referralSource: 'referralSource',
  referralDate: 'referralDate',
  state: 'state { resolution litigation done }',
  sides: 'sides { id label role status }',
  version: 'version',
  updatedAt: 'updatedAt',
  myRoles: 'myRoles { role sideId }',
  allowedEvents: 'allowedEvents',
  allowedEdits: 'allowedEdits',
  courtReport: 'courtReport { mediationOccurred terminated settlement sessionsHeld attendance { participantName role attended } }',
  courtReportFilings:
    'courtReportFilings { id process sessionOn dueAt deadlineId status filedAt filedOn filedByName timeZone content { caption docketNumber programName process sessionOn occurred terminated settlement mediatorName attendance { name role attended } } }',
  nextDeadlineAt: 'nextDeadlineAt',
  needsAttention: 'needsAttention',
  issues: 'issues { id label description status }',
  participants: 'participants { id name role sideId }',
  sessions: 'sessions { id startsAt format process outcome attendance { participantId name attended authorityToSettle } }',
  deadlines: 'deadlines { id kind title dueAt source ownerName }',
  agreements: 'agreements { id status terms { issueLabel terms } }',
  timeline: 'timeline { type summary actorName }',
  timelineIntegrity: 'timelineIntegrity { intact rows }',
  mediatorAssignment: 'mediatorAssignment { id mediatorName status findings { kind sentence } acknowledgedSideIds awaitingSideIds }',
  debrief: 'debrief { openedAt dueAt completedAt overdue missing }',
  recommendations:
    'recommendations { recommended { rank path label score event { type mediator binding } reasons ruleIds } excluded { path reasons excludedBy } firedRules }',
  playbook: 'playbook { path done total items { id label kind done doneAt } }',
  myStrategy: 'myStrategy { sideId path done total items { id label kind done doneAt } }',
  myWorkspace:
    'myWorkspace { sideId sideLabel items { id sideId kind body amount currency nonMoneyTerms category sharedWithMediator batna { nextWeek threeMonths costToDecision whoDecides probability rangeLow rangeHigh } } }',
  sharedWithMediator: 'sharedWithMediator { id sideId kind body amount nonMoneyTerms batna { nextWeek rangeLow rangeHigh } }',
  mediatorNotes: 'mediatorNotes { id body caucusSideId }',
};
const FIELDS = Object.keys(SELECTIONS) as CaseField[];
const CONFIDENTIAL_FIELDS = FIELDS.filter((f) => CASE_FIELD_TIERS[f] !== 'court-reportable');

/** Every way to reach a field of the case. Each returns the whole response, to be scanned as text. */
const PATHS: Record<string, (selection: string, token: string) => Promise<unknown>> = {
  'the field directly': (sel, token) => t.gql(`query ($id: ID!) { case(id: $id) { ${sel} } }`, { id: caseId }, token),
  'nested in the case list': (sel, token) => t.gql(`{ cases(first: 100) { edges { node { id ${sel} } } } }`, {}, token),
  'through a dispute-type filter': (sel, token) =>
    t.gql(`{ cases(filter: { disputeTypes: [CONTRACT] }) { edges { node { id ${sel} } } } }`, {}, token),
  'through the needs-attention filter': (sel, token) =>
    t.gql(`{ cases(filter: { needsAttention: true }) { edges { node { id ${sel} } } } }`, {}, token),
  'in a caseChanged payload': async (sel, token) => {
    const live = subscribe(socketClient(t, { token }), `subscription ($id: ID!) { caseChanged(caseId: $id) { ${sel} } }`, { id: caseId });
    try {
      return await live.next('the first caseChanged payload');
    } finally {
      live.close();
    }
  },
};

const entitled = (viewer: ViewerName, field: CaseField) =>
  new Set(MARKERS.filter((m) => m.seenIn[field]?.includes(viewer)).map((m) => m.text));

const gql = (query: string, variables: Record<string, unknown>, who: ViewerName) => t.gql(query, variables, users[who].token);
const ok = async (query: string, variables: Record<string, unknown>, who: ViewerName) => {
  const result = await gql(query, variables, who);
  if (result.errors) throw new Error(`${who}: ${JSON.stringify(result.errors)}`);
  return result.data!;
};

const ADD_ITEM = `mutation ($c: ID!, $s: ID!, $input: WorkspaceItemInput!) { addWorkspaceItem(caseId: $c, sideId: $s, input: $input) { id } }`;

async function addItem(who: ViewerName, side: string, key: string, input: Record<string, unknown>) {
  ids[key] = (await ok(ADD_ITEM, { c: caseId, s: side, input }, who)).addWorkspaceItem.id;
}

beforeAll(async () => {
  t = await startTestApp('confidentiality');
  const f = factories(t);
  const org = await f.newOrganisation();
  const otherOrg = await f.newOrganisation();
  users.M = await f.newUser(org, 'MEDIATOR');
  users.A1 = await f.newUser(org);
  users.A2 = await f.newUser(org);
  users.B1 = await f.newUser(org);
  users.P = await f.newUser(org, 'PROGRAM_ADMIN');
  users.O = await f.newUser(org, 'MEDIATOR');
  users.X = await f.newUser(otherOrg, 'MEDIATOR');

  // The case is referred to a court program of the organisation, whose reports show a count of two.
  const [program] = await t.db.query(`INSERT INTO programs (organisation_id, name, report_min_count) VALUES ($1, 'Court program', 2) RETURNING id`, [org]);
  programId = program.id;
  const c = await f.newCase(users.M.token, { issues: [{ label: ISSUE_LABEL, description: 'MARKER-ISSUE-DESCRIPTION-5522' }], courtOrdered: true, programId });
  caseId = c.id;
  [sideA, sideB] = [c.sides[0]!.id, c.sides[1]!.id];
  await f.addParticipant(caseId, users.A1.id, 'COUNSEL', sideA);
  await f.addParticipant(caseId, users.A2.id, 'PARTY', sideA);
  await f.addParticipant(caseId, users.B1.id, 'COUNSEL', sideB);
  await f.addParticipant(caseId, users.P.id, 'PROGRAM_ADMIN');
  otherCase = await f.newCase(users.O.token);

  // The case-shared record: a deadline soon, a held session with attendance, an impasse with a stall reason.
  const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
  await ok(`mutation ($c: ID!, $d: DateTime!) { addDeadline(caseId: $c, input: { kind: FILING_DEADLINE, title: "${DEADLINE_TITLE}", dueAt: $d, source: MEDIATOR }) { id } }`, { c: caseId, d: soon }, 'M');
  const scheduled = await ok(
    `mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-12-01T14:00:00Z", format: JOINT }) { sessions { id } participants { id role sideId } } }`,
    { c: caseId },
    'M',
  );
  const counselA = scheduled.scheduleSession.participants.find((p: { role: string; sideId: string }) => p.role === 'COUNSEL' && p.sideId === sideA);
  const counselB = scheduled.scheduleSession.participants.find((p: { role: string; sideId: string }) => p.role === 'COUNSEL' && p.sideId === sideB);
  await ok(
    `mutation ($c: ID!, $s: ID!, $a: ID!, $b: ID!) { recordAttendance(caseId: $c, sessionId: $s, input: { attendance: [{ participantId: $a, attended: true }, { participantId: $b, attended: false }] }) { id } }`,
    { c: caseId, s: scheduled.scheduleSession.sessions[0].id, a: counselA.id, b: counselB.id },
    'M',
  );
  for (const event of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'NO_AGREEMENT' } }, { recordStallReason: { reason: STALL_REASON } }]) {
    const { case: now } = await ok(`query ($id: ID!) { case(id: $id) { version } }`, { id: caseId }, 'M');
    await ok(`mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { id } }`, { c: caseId, v: now.version, e: event }, 'M');
  }

  // A second case of the program on the same court-reportable course, so the reports' cells count two and are shown.
  const companion = await f.newCase(users.M.token, { courtOrdered: true, programId });
  await ok(`mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-12-01T14:00:00Z", format: JOINT }) { id } }`, { c: companion.id }, 'M');
  for (const event of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'NO_AGREEMENT' } }]) {
    const { case: now } = await ok(`query ($id: ID!) { case(id: $id) { version } }`, { id: companion.id }, 'M');
    await ok(`mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { id } }`, { c: companion.id, v: now.version, e: event }, 'M');
  }

  const eventsBefore = await timelineRows();
  await addItem('A1', sideA, 'aOffer', { kind: 'BEST_OFFER', amount: 912345.67, currency: 'usd', nonMoneyTerms: 'MARKER-A-OFFER-1101' });
  await addItem('A1', sideA, 'aDealbreaker', { kind: 'DEALBREAKER', body: 'MARKER-A-DEALBREAKER-7731' });
  await addItem('A2', sideA, 'aHidden', { kind: 'HIDDEN_ISSUE', body: 'MARKER-A-HIDDEN-2207', category: 'FEAR' });
  await addItem('A1', sideA, 'aBatna', { kind: 'BATNA', batna: { nextWeek: 'MARKER-A-BATNA-3391', probability: 0.4, rangeLow: 123456.78, rangeHigh: 200000 } });
  await addItem('A2', sideA, 'aNote', { kind: 'NOTE', body: 'MARKER-A-NOTE-4413' });
  await addItem('A1', sideA, 'aShared', { kind: 'NOTE', body: 'MARKER-A-SHARED-5519' });
  await ok(`mutation ($id: ID!) { shareWorkspaceItemWithMediator(id: $id, shared: true) { id } }`, { id: ids.aShared }, 'A2');
  await addItem('B1', sideB, 'bOffer', { kind: 'BEST_OFFER', amount: 876543.21, currency: 'EUR', nonMoneyTerms: 'MARKER-B-OFFER-8845' });
  await addItem('B1', sideB, 'bDealbreaker', { kind: 'DEALBREAKER', body: 'MARKER-B-DEALBREAKER-8841' });
  await addItem('B1', sideB, 'bHidden', { kind: 'HIDDEN_ISSUE', body: 'MARKER-B-HIDDEN-8842', category: 'REPUTATION' });
  await addItem('B1', sideB, 'bBatna', { kind: 'BATNA', batna: { threeMonths: 'MARKER-B-BATNA-8843', rangeLow: 765432.1, rangeHigh: 900000 } });
  await addItem('B1', sideB, 'bNote', { kind: 'NOTE', body: 'MARKER-B-NOTE-8844' });
  const note = `mutation ($c: ID!, $input: MediatorNoteInput!) { addMediatorNote(caseId: $c, input: $input) { id } }`;
  ids.mNote = (await ok(note, { c: caseId, input: { body: 'MARKER-M-NOTE-6601' } }, 'M')).addMediatorNote.id;
  ids.mCaucus = (await ok(note, { c: caseId, input: { body: 'MARKER-M-CAUCUS-6602', caucusSideId: sideA } }, 'M')).addMediatorNote.id;
  // Private work leaves no trace on the case-shared timeline.
  expect(await timelineRows()).toBe(eventsBefore);
}, 60_000);

afterAll(async () => {
  await disposeClients();
  await t.close();
});

async function timelineRows(): Promise<number> {
  const [row] = await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [caseId]);
  return row.n;
}

describe('the tier table', () => {
  it('names every field of the Case type in schema.gql, and ARCHITECTURE.md prints it', () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));
    const caseType = schema.getType('Case');
    if (!isObjectType(caseType)) throw new Error('no Case type');
    expect(Object.keys(caseType.getFields()).sort()).toEqual(Object.keys(CASE_FIELD_TIERS).sort());
    expect(readFileSync(join(ROOT, '..', '..', 'ARCHITECTURE.md'), 'utf8')).toContain(tiersMarkdown());
  });
});

describe('a marker reaches only the viewers its tier entitles', () => {
  const rows = VIEWERS.flatMap((viewer) => FIELDS.flatMap((field) => Object.keys(PATHS).map((path) => [viewer, field, path] as const)));

  it.each(rows)('%s reads %s %s', async (viewer, field, path) => {
    const text = JSON.stringify(await PATHS[path]!(SELECTIONS[field], users[viewer].token));
    const expected = entitled(viewer, field);
    const found = MARKERS.map((m) => m.text).filter((marker) => text.includes(marker));
    // The needs-attention filter never lists a case to someone who holds it only as program
    // administrator, so nothing of it can show there; everywhere else the entitled see theirs.
    const reachable = !(path === 'through the needs-attention filter' && viewer === 'P');
    expect(found.sort()).toEqual(reachable ? [...expected].sort() : []);
  });
});

describe('the program administrator sees the court-reportable tier only', () => {
  const everything = FIELDS.map((f) => SELECTIONS[f]).join(' ');

  it.each(Object.keys(PATHS))('%s: every other tier is empty, and the court report is there', async (path) => {
    const result = (await PATHS[path]!(everything, users.P.token)) as { data?: Record<string, any> };
    const text = JSON.stringify(result);
    for (const marker of [...MARKERS.map((m) => m.text), 'MARKER-ISSUE-DESCRIPTION-5522', STALL_REASON, 'NO_AGREEMENT', 'no agreement']) {
      expect(text).not.toContain(marker);
    }
    if (path === 'through the needs-attention filter') {
      expect(result.data!.cases.edges).toEqual([]);
      return;
    }
    const node = result.data!.case ?? result.data!.caseChanged ?? result.data!.cases.edges.find((e: any) => e.node.id === caseId).node;
    for (const field of CONFIDENTIAL_FIELDS) expect([field, node[field]]).toEqual([field, Array.isArray(node[field]) ? [] : null]);
    expect(node.caption).toMatch(/^Case /);
    expect(node.state.resolution).toBe('impasse');
    expect(node.courtReport).toEqual({
      mediationOccurred: true,
      terminated: true,
      settlement: 'NONE',
      sessionsHeld: 1,
      attendance: expect.arrayContaining([expect.objectContaining({ role: 'COUNSEL', attended: true }), expect.objectContaining({ role: 'COUNSEL', attended: false })]),
    });
  });

  it('is not told the case needs attention, while the mediator is', async () => {
    const filter = `{ cases(filter: { needsAttention: true }) { edges { node { id } } } }`;
    expect((await ok(filter, {}, 'M')).cases.edges.map((e: any) => e.node.id)).toContain(caseId);
    expect((await ok(filter, {}, 'P')).cases.edges).toEqual([]);
    const notFlagged = `{ cases(filter: { needsAttention: false }) { edges { node { id } } } }`;
    expect((await ok(notFlagged, {}, 'P')).cases.edges.map((e: any) => e.node.id)).toContain(caseId);
  });

  it('gets only the events the permission table gives it, none carrying a communication', async () => {
    const { case: c } = await ok(`query ($id: ID!) { case(id: $id) { allowedEvents } }`, { id: caseId }, 'P');
    for (const event of c.allowedEvents) {
      expect(['SCHEDULE_MEDIATION', 'RECORD_SESSION_NOT_HELD', 'ORDER_ADR', 'RECORD_AWARD', 'ADVANCE_LITIGATION', 'STAY_LITIGATION', 'LIFT_STAY', 'ENTER_JUDGMENT', 'DISMISS_CASE']).toContain(event);
    }
    const { case: now } = await ok(`query ($id: ID!) { case(id: $id) { version } }`, { id: caseId }, 'M');
    const refused = await gql(
      `mutation ($c: ID!, $v: Int!) { transitionCase(caseId: $c, expectedVersion: $v, event: { recordStallReason: { reason: EMOTIONS } }) { id } }`,
      { c: caseId, v: now.version },
      'P',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('every report path carries no confidential value', () => {
  const schema: GraphQLSchema = buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));
  const queries = reportQueries(schema);
  // The period's reports name no case, person, issue, deadline or workspace: nothing of a marker
  // may appear, whoever asks. (The stall-reason aggregate names every reason as a row, so the
  // enum value is no marker here.)
  const markers = [...MARKERS.map((m) => m.text), 'MARKER-ISSUE-DESCRIPTION-5522'];
  const rows = VIEWERS.flatMap((viewer) => queries.map(([name, query]) => [viewer, name, query] as const));

  it('finds the reports in the schema', () => {
    expect(queries.map(([name]) => name)).toEqual(expect.arrayContaining(['caseloadReport', 'programFigures']));
  });

  it.each(rows)('%s reads %s', async (viewer, name, query) => {
    const result = await gql(query, { input: { programId, from: '2026-01-01', to: '2027-12-31' } }, viewer);
    const text = JSON.stringify(result);
    expect(markers.filter((marker) => text.includes(marker))).toEqual([]);
    if (viewer === 'P') {
      expect(result.errors).toBeUndefined();
      // The report counts the two referred cases, so the check above read a real report.
      if (name === 'caseloadReport') {
        const total = (result.data as any).caseloadReport.rows.find((r: any) => r.caseType === 'TOTAL');
        expect(total.cells.find((c: any) => c.column === 'REFERRED')).toMatchObject({ count: 2 });
      }
    } else {
      expect(result.data ?? null).toBeNull();
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors?.[0]?.extensions?.code);
    }
  });
});

describe('errors never carry a confidential value, nor reveal that another side’s item exists', () => {
  const MISSING = '00000000-0000-4000-8000-000000000000';
  const MUTATIONS: Record<string, { query: string; vars: (id: string) => Record<string, unknown>; target: string; owners: ViewerName[] }> = {
    updateWorkspaceItem: { query: `mutation ($id: ID!) { updateWorkspaceItem(id: $id, input: { body: "overwritten" }) { id body } }`, vars: (id) => ({ id }), target: 'aDealbreaker', owners: ['A1', 'A2'] },
    deleteWorkspaceItem: { query: `mutation ($id: ID!) { deleteWorkspaceItem(id: $id) }`, vars: (id) => ({ id }), target: 'bNote', owners: ['B1'] },
    shareWorkspaceItemWithMediator: { query: `mutation ($id: ID!) { shareWorkspaceItemWithMediator(id: $id, shared: true) { id body } }`, vars: (id) => ({ id }), target: 'aOffer', owners: ['A1', 'A2'] },
    updateMediatorNote: { query: `mutation ($id: ID!) { updateMediatorNote(id: $id, input: { body: "overwritten" }) { id body } }`, vars: (id) => ({ id }), target: 'mCaucus', owners: ['M'] },
    deleteMediatorNote: { query: `mutation ($id: ID!) { deleteMediatorNote(id: $id) }`, vars: (id) => ({ id }), target: 'mNote', owners: ['M'] },
  };
  const rows = Object.keys(MUTATIONS).flatMap((name) => VIEWERS.filter((v) => !MUTATIONS[name]!.owners.includes(v)).map((viewer) => [name, viewer] as const));

  it.each(rows)('%s on an item that is not %s’s answers as for an id that does not exist', async (name, viewer) => {
    const m = MUTATIONS[name]!;
    const before = JSON.stringify(await snapshotOf(ids[m.target]!));
    const guessed = await gql(m.query, m.vars(ids[m.target]!), viewer);
    const missing = await gql(m.query, m.vars(MISSING), viewer);
    expect(guessed.data ?? null).toBeNull();
    expect(guessed.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(missing.errors?.map((e) => [e.message, e.extensions?.code]));
    expect(guessed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(guessed)).not.toMatch(/MARKER|912345|876543/);
    expect(JSON.stringify(await snapshotOf(ids[m.target]!))).toBe(before);
  });

  it.each([
    ['B1 adds to side A', 'B1', () => ({ c: caseId, s: sideA })],
    ['M adds to side A', 'M', () => ({ c: caseId, s: sideA })],
    ['P adds to side B', 'P', () => ({ c: caseId, s: sideB })],
    ['A1 adds to a side of another case', 'A1', () => ({ c: caseId, s: otherCase.sides[0]!.id })],
    ['A1 adds to another case', 'A1', () => ({ c: otherCase.id, s: sideA })],
    ['O adds to side A', 'O', () => ({ c: caseId, s: sideA })],
    ['X adds to side A', 'X', () => ({ c: caseId, s: sideA })],
  ] as const)('IDOR: %s → NOT_FOUND, nothing written', async (_label, viewer, vars) => {
    const [before] = await t.db.query(`SELECT count(*)::int AS n FROM side_workspace_items`);
    const result = await gql(ADD_ITEM, { ...vars(), input: { kind: 'NOTE', body: 'intruder' } }, viewer);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toMatch(/^No (side|case) with that id exists, or you do not have access to it\.$/);
    const [after] = await t.db.query(`SELECT count(*)::int AS n FROM side_workspace_items`);
    expect(after.n).toBe(before.n);
  });

  it.each([
    ['amount on a note', { kind: 'NOTE', body: 'x', amount: 5 }, 'amount'],
    ['a best offer without a currency', { kind: 'BEST_OFFER', amount: 5 }, 'currency'],
    ['a hidden issue without a category', { kind: 'HIDDEN_ISSUE', body: 'MARKER-NEW-1' }, 'category'],
    ['an empty note', { kind: 'NOTE', body: '  ' }, 'body'],
    ['a BATNA range upside down', { kind: 'BATNA', batna: { rangeLow: 10, rangeHigh: 5 } }, 'batna.rangeLow'],
    ['a probability over 1', { kind: 'BATNA', batna: { probability: 1.5 } }, 'probability'],
  ])('bad input (%s) names the field and echoes no value', async (_label, input, field) => {
    const result = await gql(ADD_ITEM, { c: caseId, s: sideA, input }, 'A1');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(field);
    expect(JSON.stringify(result)).not.toMatch(/MARKER|912345/);
  });

  it('updating one’s own item with a field of another kind names the field, and keeps the item', async () => {
    const result = await gql(`mutation ($id: ID!) { updateWorkspaceItem(id: $id, input: { category: EGO }) { id } }`, { id: ids.aDealbreaker }, 'A1');
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'category' } });
    expect(JSON.stringify(result)).not.toContain('MARKER');
  });

  it('a counsel cannot write mediator notes, and says only that', async () => {
    const result = await gql(`mutation ($c: ID!) { addMediatorNote(caseId: $c, input: { body: "x" }) { id } }`, { c: caseId }, 'A1');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(result)).not.toContain('MARKER');
  });
});

describe('the owners can work with their own items', () => {
  it('a side edits, shares and deletes its own item; the mediator sees it only while shared', async () => {
    const sharedIds = async () => (await ok(`query ($id: ID!) { case(id: $id) { sharedWithMediator { id } } }`, { id: caseId }, 'M')).case.sharedWithMediator.map((i: any) => i.id);
    await addItem('B1', sideB, 'bDraft', { kind: 'DRAFT', body: 'first draft' });
    const updated = await ok(`mutation ($id: ID!) { updateWorkspaceItem(id: $id, input: { body: "second draft" }) { body kind sharedWithMediator } }`, { id: ids.bDraft }, 'B1');
    expect(updated.updateWorkspaceItem).toEqual({ body: 'second draft', kind: 'DRAFT', sharedWithMediator: false });
    expect(await sharedIds()).not.toContain(ids.bDraft);
    await ok(`mutation ($id: ID!) { shareWorkspaceItemWithMediator(id: $id, shared: true) { id } }`, { id: ids.bDraft }, 'B1');
    expect(await sharedIds()).toContain(ids.bDraft);
    expect((await ok(`mutation ($id: ID!) { deleteWorkspaceItem(id: $id) }`, { id: ids.bDraft }, 'B1')).deleteWorkspaceItem).toBe(ids.bDraft);
    expect(await sharedIds()).not.toContain(ids.bDraft);
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM side_workspace_items WHERE id = $1`, [ids.bDraft]);
    expect(row.n).toBe(0);
  });

  it('the mediator edits a note and moves it out of a caucus', async () => {
    const created = await ok(`mutation ($c: ID!, $s: ID!) { addMediatorNote(caseId: $c, input: { body: "n", caucusSideId: $s }) { id caucusSideId } }`, { c: caseId, s: sideB }, 'M');
    expect(created.addMediatorNote.caucusSideId).toBe(sideB);
    const updated = await ok(`mutation ($id: ID!) { updateMediatorNote(id: $id, input: { body: "n2", caucusSideId: null }) { body caucusSideId } }`, { id: created.addMediatorNote.id }, 'M');
    expect(updated.updateMediatorNote).toEqual({ body: 'n2', caucusSideId: null });
    const foreignSide = await gql(`mutation ($c: ID!, $s: ID!) { addMediatorNote(caseId: $c, input: { body: "n", caucusSideId: $s }) { id } }`, { c: caseId, s: otherCase.sides[0]!.id }, 'M');
    expect(foreignSide.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'caucusSideId' } });
  });

  it('one person holds one role per case: the database refuses a second role on the same case', async () => {
    await t.db.query(`INSERT INTO participants (case_id, user_id, role, side_id) VALUES ($1, $2, 'COUNSEL', $3)`, [otherCase.id, users.A1.id, otherCase.sides[0]!.id]);
    await expect(
      t.db.query(`INSERT INTO participants (case_id, user_id, role, side_id) VALUES ($1, $2, 'PARTY', $3)`, [otherCase.id, users.A1.id, otherCase.sides[1]!.id]),
    ).rejects.toThrow(/participants_one_role_per_case/);
    const notMine = await ok(`query ($id: ID!, $s: ID!) { case(id: $id) { myWorkspace(sideId: $s) { sideId } } }`, { id: caseId, s: sideB }, 'A1');
    expect(notMine.case.myWorkspace).toBeNull();
  });
});

async function snapshotOf(id: string): Promise<unknown> {
  const items = await t.db.query(`SELECT * FROM side_workspace_items WHERE id = $1`, [id]);
  const notes = await t.db.query(`SELECT * FROM mediator_notes WHERE id = $1`, [id]);
  return [...items, ...notes];
}
