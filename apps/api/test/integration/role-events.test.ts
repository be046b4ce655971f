import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EVENT_CATALOGUE,
  EVENT_POLICY,
  EVENT_TYPES,
  allowedEvents,
  candidateEvents,
  restoreCase,
  type CaseEvent,
  type CaseRole,
  type CaseRoleGrant,
  type EventType,
  type PayloadField,
} from '@impasse/case-machine';
import { camel, payloadFields, NOT_IN_EVENT_INPUT } from '../../src/cases/dto/case-event.input.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 5: allowed actions differ by role exactly as the permission table says, and the api
 * refuses a forbidden event even when the web is bypassed. For a case in each state below and
 * each role, the api's `allowedEvents` equals the statechart package's `allowedEvents` for that
 * viewer, and every event `EVENT_POLICY` does not give the role is refused by `transitionCase`
 * with FORBIDDEN, writing nothing, also when the machine would accept the event right now.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;
type User = { id: string; token: string };
let mediator: User;
let programAdmin: User;
let counselA: User;
let partyA: User;
let counselB: User;

const ROLES: readonly CaseRole[] = ['MEDIATOR', 'COUNSEL', 'PARTY', 'PROGRAM_ADMIN'];

/** How each state is reached from intake, sent by the mediator. */
const PATHS: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  intake: [],
  'mediation.inSession': [{ scheduleMediation: true }, { startSession: true }],
  impasse: [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'NO_AGREEMENT' } }],
};

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { id version state { resolution } }
}`;
const ALLOWED = `query ($id: ID!) { case(id: $id) { version state { resolution } myRoles { role sideId } allowedEvents } }`;

interface Fixture {
  id: string;
  sideA: string;
  sideB: string;
}

async function caseIn(state: string): Promise<Fixture> {
  const c = await f.newCase(mediator.token, { issues: [{ label: 'Price' }, { label: 'Delivery' }] });
  const [sideA, sideB] = [c.sides[0]!.id, c.sides[1]!.id];
  await f.addParticipant(c.id, programAdmin.id, 'PROGRAM_ADMIN');
  await f.addParticipant(c.id, counselA.id, 'COUNSEL', sideA);
  await f.addParticipant(c.id, partyA.id, 'PARTY', sideA);
  await f.addParticipant(c.id, counselB.id, 'COUNSEL', sideB);
  let version = c.version;
  for (const event of PATHS[state]!) {
    const result = await t.gql(TRANSITION, { caseId: c.id, v: version, event }, mediator.token);
    if (!result.data) throw new Error(`could not reach ${state}: ${JSON.stringify(result.errors)}`);
    version = result.data.transitionCase.version;
  }
  return { id: c.id, sideA, sideB };
}

async function stored(caseId: string) {
  const [row] = await t.db.query(`SELECT snapshot, machine_version AS "machineVersion", version, resolution_state AS resolution FROM cases WHERE id = $1`, [caseId]);
  return row as { snapshot: Record<string, unknown>; machineVersion: number; version: number; resolution: string };
}

/** Everything a transition writes, to prove a refusal wrote none of it. */
async function writes(caseId: string) {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events,
            (SELECT count(*)::int FROM issues WHERE case_id = $1) AS issues,
            (SELECT count(*)::int FROM deadlines WHERE case_id = $1) AS deadlines,
            (SELECT version FROM cases WHERE id = $1) AS version,
            (SELECT snapshot::text FROM cases WHERE id = $1) AS snapshot`,
    [caseId],
  );
  return row;
}

const userFor = (role: CaseRole): User => ({ MEDIATOR: mediator, COUNSEL: counselA, PARTY: partyA, PROGRAM_ADMIN: programAdmin })[role];
const grantsFor = (role: CaseRole, sideA: string): CaseRoleGrant[] => [role === 'COUNSEL' || role === 'PARTY' ? { role, sideId: sideA } : { role }];

/** A minimal valid value for one catalogue field: side A for a side, an open issue for an issue. */
function valueFor(field: PayloadField, c: Fixture, openIssues: readonly string[]): unknown {
  switch (field.kind) {
    case 'BOOLEAN':
      return true;
    case 'DATE':
      return '2030-01-15';
    case 'ENUM':
      return field.values![0];
    case 'STRING_LIST':
      return openIssues.slice(0, 1);
    case 'STRING':
      if (field.name === 'sideId') return c.sideA;
      if (field.name === 'issueId') return openIssues[0] ?? 'issue-1';
      return 'placeholder';
  }
}

/**
 * The event to try: one the machine accepts now when there is one (so a refusal cannot be the
 * machine's), with side A where the event names a side; otherwise a minimal valid payload built
 * from the catalogue's field kinds.
 */
function eventToTry(type: EventType, c: Fixture, snapshot: ReturnType<typeof restoreCase>): { event: CaseEvent; machineAccepts: boolean } {
  const candidates = candidateEvents(snapshot.context, [type]).filter((e) => !('sideId' in e) || e.sideId === c.sideA);
  const accepted = candidates.find((e) => snapshot.can(e));
  if (accepted) return { event: accepted, machineAccepts: true };
  const open = snapshot.context.issues.filter((i) => i.status === 'OPEN').map((i) => i.id);
  const event = Object.fromEntries([['type', type], ...EVENT_CATALOGUE[type].payload.filter((p) => p.required).map((p) => [p.name, valueFor(p, c, open)])]);
  return { event: event as CaseEvent, machineAccepts: false };
}

/** The GraphQL `CaseEventInput` for a machine event: `{ recordOutcome: { outcome } }`, `{ startSession: true }`. */
function toInput(event: CaseEvent): Record<string, unknown> {
  const fields = payloadFields(event.type);
  if (fields.length === 0) return { [camel(event.type)]: true };
  const payload = event as unknown as Record<string, unknown>;
  return { [camel(event.type)]: Object.fromEntries(fields.filter((p) => payload[p.name] !== undefined).map((p) => [p.name, payload[p.name]])) };
}

beforeAll(async () => {
  t = await startTestApp('role-events');
  f = factories(t);
  const org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
  programAdmin = await f.newUser(org, 'PROGRAM_ADMIN');
  counselA = await f.newUser(org);
  partyA = await f.newUser(org);
  counselB = await f.newUser(org);
}, 60_000);

afterAll(async () => {
  await t.close();
});

const forbiddenButAccepted: string[] = [];

describe.each(Object.keys(PATHS))('a case in %s', (state) => {
  let c: Fixture;
  beforeAll(async () => {
    c = await caseIn(state);
    expect((await stored(c.id)).resolution).toBe(state);
  }, 60_000);

  it.each(ROLES)('%s: the api’s allowedEvents are the package’s allowedEvents for that viewer', async (role) => {
    const result = await t.gql(ALLOWED, { id: c.id }, userFor(role).token);
    expect(result.errors).toBeUndefined();
    const row = await stored(c.id);
    const expected = allowedEvents({ snapshot: row.snapshot, machineVersion: row.machineVersion }, { roles: grantsFor(role, c.sideA) });
    expect(result.data!.case.myRoles).toEqual(grantsFor(role, c.sideA).map((g) => ({ role: g.role, sideId: g.sideId ?? null })));
    expect(result.data!.case.allowedEvents).toEqual(expected);
    // Nothing the table withholds from the role is ever offered.
    for (const type of result.data!.case.allowedEvents as EventType[]) expect(EVENT_POLICY[type].roles).toContain(role);
  });

  it.each(ROLES)('%s: every event EVENT_POLICY withholds is refused with FORBIDDEN and writes nothing', async (role) => {
    const row = await stored(c.id);
    const snapshot = restoreCase({ snapshot: row.snapshot, machineVersion: row.machineVersion });
    // Signatures go through signAgreement (agreements.test.ts), the api's own events through nobody.
    const withheld = EVENT_TYPES.filter((type) => !NOT_IN_EVENT_INPUT.has(type) && !EVENT_POLICY[type].roles.includes(role));
    expect(withheld.length).toBeGreaterThan(0);
    const before = await writes(c.id);
    const refusals: Record<string, string | undefined> = {};
    for (const type of withheld) {
      const { event, machineAccepts } = eventToTry(type, c, snapshot);
      if (machineAccepts) forbiddenButAccepted.push(`${state} ${role} ${type}`);
      const result = await t.gql(TRANSITION, { caseId: c.id, v: row.version, event: toInput(event) }, userFor(role).token);
      refusals[type] = result.data ? 'ACCEPTED' : result.errors?.[0]?.extensions?.code;
    }
    expect(refusals).toEqual(Object.fromEntries(withheld.map((type) => [type, 'FORBIDDEN'])));
    expect(await writes(c.id)).toEqual(before);
  });

  it('refuses counsel and parties of side A an own-side event sent for side B', async () => {
    const ownSide = EVENT_TYPES.filter((type) => !NOT_IN_EVENT_INPUT.has(type) && EVENT_POLICY[type].actsFor === 'OWN_SIDE');
    expect(ownSide.length).toBeGreaterThan(0);
    const row = await stored(c.id);
    const before = await writes(c.id);
    for (const role of ['COUNSEL', 'PARTY'] as const) {
      for (const type of ownSide.filter((x) => EVENT_POLICY[x].roles.includes(role))) {
        const fields = Object.fromEntries(payloadFields(type).filter((p) => p.required).map((p) => [p.name, p.name === 'sideId' ? c.sideB : valueFor(p, c, [])]));
        const result = await t.gql(TRANSITION, { caseId: c.id, v: row.version, event: { [camel(type)]: fields } }, userFor(role).token);
        expect([type, role, result.errors?.[0]?.extensions?.code]).toEqual([type, role, 'FORBIDDEN']);
      }
    }
    expect(await writes(c.id)).toEqual(before);
  });
});

it('tried withheld events the machine would have accepted, so the refusals are the role’s', () => {
  // e.g. a party sending START_SESSION in intake… the machine accepts it; only the role stops it.
  expect(forbiddenButAccepted.length).toBeGreaterThan(10);
  for (const state of Object.keys(PATHS)) expect(forbiddenButAccepted.some((entry) => entry.startsWith(`${state} `))).toBe(true);
});
