import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

/**
 * `Case.allowedEdits` says which edits besides transitions the viewer may make, and it says so
 * honestly: for each role, an edit it lists goes through and an edit it leaves out is refused
 * with FORBIDDEN, so the dashboard can offer exactly what the api accepts.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;
type User = { id: string; token: string };
const users: Record<'MEDIATOR' | 'COUNSEL' | 'PARTY' | 'PROGRAM_ADMIN', User> = {} as never;
let caseId: string;
let sideA: string;

const EXPECTED = {
  MEDIATOR: ['RECORDS', 'SESSIONS', 'INVITE', 'PROPOSE_MEDIATOR', 'PLAYBOOK', 'MEDIATOR_NOTES', 'COURT_REPORTS'],
  COUNSEL: ['RECORDS', 'PLAYBOOK', 'STRATEGY'],
  PARTY: ['PLAYBOOK', 'STRATEGY'],
  PROGRAM_ADMIN: ['INVITE', 'PROPOSE_MEDIATOR'],
} as const;

/** One mutation per kind of edit, each a real change of this case. */
const ATTEMPTS: Record<string, () => [string, Record<string, unknown>]> = {
  RECORDS: () => [
    `mutation ($c: ID!, $d: DateTime!) { addDeadline(caseId: $c, input: { kind: FILING_DEADLINE, title: "Answer due", dueAt: $d, source: COURT_ORDER }) { id } }`,
    { c: caseId, d: new Date(Date.now() + 20 * 86_400_000).toISOString() },
  ],
  SESSIONS: () => [`mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2027-01-12T14:00:00Z", format: JOINT }) { id } }`, { c: caseId }],
  INVITE: () => [
    `mutation ($c: ID!, $s: ID!) { inviteToCase(caseId: $c, input: { sideId: $s, role: PARTY, email: "invitee-${Math.random().toString(36).slice(2)}@example.test", displayName: "Invitee" }) { url } }`,
    { c: caseId, s: sideA },
  ],
  PLAYBOOK: () => [`mutation ($c: ID!) { setPlaybookItemDone(caseId: $c, itemId: "remediation.tighter-agenda", done: true) { id } }`, { c: caseId }],
  STRATEGY: () => [`mutation ($c: ID!) { setPlaybookItemDone(caseId: $c, itemId: "family.temporary-orders", done: true) { id } }`, { c: caseId }],
  MEDIATOR_NOTES: () => [`mutation ($c: ID!) { addMediatorNote(caseId: $c, input: { body: "A note" }) { id } }`, { c: caseId }],
  // PROPOSE_MEDIATOR is left out: a proposal changes what the next one may do (the conflict
  // check's own tests cover who may propose). So is COURT_REPORTS: a report is filed once, after
  // a session of a court-ordered case (court-filing.test.ts tries it as every role).
};

beforeAll(async () => {
  t = await startTestApp('allowed-edits');
  f = factories(t);
  const org = await f.newOrganisation();
  users.MEDIATOR = await f.newUser(org, 'MEDIATOR');
  users.COUNSEL = await f.newUser(org);
  users.PARTY = await f.newUser(org);
  users.PROGRAM_ADMIN = await f.newUser(org, 'PROGRAM_ADMIN');
  const c = await f.newCase(users.MEDIATOR.token, { disputeType: 'FAMILY' });
  caseId = c.id;
  sideA = c.sides[0]!.id;
  await f.addParticipant(caseId, users.COUNSEL.id, 'COUNSEL', sideA);
  await f.addParticipant(caseId, users.PARTY.id, 'PARTY', sideA);
  await f.addParticipant(caseId, users.PROGRAM_ADMIN.id, 'PROGRAM_ADMIN');
});
afterAll(async () => {
  await t?.close();
});

describe('allowedEdits', () => {
  it.each(Object.entries(EXPECTED))('lists for %s exactly the edits the policy gives that role', async (role, expected) => {
    const result = await t.gql(`query ($id: ID!) { case(id: $id) { allowedEdits } }`, { id: caseId }, users[role as keyof typeof users].token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.case.allowedEdits).toEqual(expected);
  });

  it.each(Object.keys(EXPECTED))('is honest for %s: each listed edit goes through, each other one is FORBIDDEN', async (role) => {
    const user = users[role as keyof typeof users];
    const listed: string[] = (await t.gql(`query ($id: ID!) { case(id: $id) { allowedEdits } }`, { id: caseId }, user.token)).data!.case.allowedEdits;
    for (const [edit, attempt] of Object.entries(ATTEMPTS)) {
      const [mutation, variables] = attempt();
      const result = await t.gql(mutation, variables, user.token);
      if (listed.includes(edit)) expect([edit, result.errors]).toEqual([edit, undefined]);
      else expect([edit, result.errors?.map((e) => e.extensions?.code)]).toEqual([edit, ['FORBIDDEN']]);
    }
  });
});
