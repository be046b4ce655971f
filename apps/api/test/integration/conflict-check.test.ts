import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

/**
 * The conflict check (issue 5, UMA §9): proposing a mediator runs an inquiry against their
 * other cases, the sides see and acknowledge the disclosure, and only then does the
 * mediator join. Refusals write nothing.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;
type User = { id: string; token: string };
let admin: User; // program administrator who opens the case
let mediator: User; // the proposed mediator, with a past case
let counselA: User;
let counselB: User;
let partyA: User;
let outsiderAdmin: User; // program administrator of another organisation
let member: User; // not a mediator
let fresh: User; // a mediator with no other cases
let org: string;

const PAST_CAPTION = 'MARKER-PAST-CAPTION-4471 v. Someone';
const PROPOSE = `mutation ($c: ID!, $u: ID!) { proposeMediator(caseId: $c, userId: $u) {
  id mediatorAssignment { status mediatorName findings { kind sentence } acknowledgedSideIds awaitingSideIds acceptedAt } } }`;
const ACK = `mutation ($c: ID!, $s: ID!) { acknowledgeMediatorDisclosure(caseId: $c, sideId: $s) {
  id mediatorAssignment { status acknowledgedSideIds awaitingSideIds } participants { name role } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { id caption mediatorAssignment { status findings { kind sentence } acknowledgedSideIds awaitingSideIds }
  participants { name role } timeline { type summary } } }`;

async function writes(caseId: string) {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events,
            (SELECT count(*)::int FROM mediator_assignments WHERE case_id = $1) AS assignments,
            (SELECT count(*)::int FROM mediator_assignment_acks k JOIN mediator_assignments a ON a.id = k.assignment_id WHERE a.case_id = $1) AS acks,
            (SELECT count(*)::int FROM participants WHERE case_id = $1) AS participants,
            (SELECT version FROM cases WHERE id = $1) AS version`,
    [caseId],
  );
  return row;
}

/** A case opened by the administrator, with counsel on both sides and a party on side A. */
async function caseWithSides(sides = [{ label: 'Acme Supply', role: 'CLAIMANT' }, { label: 'Beta Retail', role: 'RESPONDENT' }]) {
  const c = await f.newCase(admin.token, { sides });
  const [a, b] = [c.sides[0]!.id, c.sides[1]!.id];
  await f.addParticipant(c.id, counselA.id, 'COUNSEL', a);
  await f.addParticipant(c.id, partyA.id, 'PARTY', a);
  await f.addParticipant(c.id, counselB.id, 'COUNSEL', b);
  return { id: c.id, sideA: a, sideB: b };
}

beforeAll(async () => {
  t = await startTestApp('conflict-check');
  f = factories(t);
  org = await f.newOrganisation();
  const otherOrg = await f.newOrganisation();
  admin = await f.newUser(org, 'PROGRAM_ADMIN');
  mediator = await f.newUser(org, 'MEDIATOR');
  counselA = await f.newUser(org);
  counselB = await f.newUser(org);
  partyA = await f.newUser(org);
  outsiderAdmin = await f.newUser(otherOrg, 'PROGRAM_ADMIN');
  member = await f.newUser(org);
  fresh = await f.newUser(org, 'MEDIATOR');
  // The mediator's past case: counsel A was on it, and a side spelt " ACME supply ".
  const past = await f.newCase(mediator.token, {
    caption: PAST_CAPTION,
    sides: [{ label: ' ACME supply ', role: 'PLAINTIFF' }, { label: 'Gamma Ltd', role: 'DEFENDANT' }],
  });
  await f.addParticipant(past.id, counselA.id, 'COUNSEL', past.sides[1]!.id);
}, 60_000);

afterAll(async () => {
  await t.close();
});

const names = async (userId: string) => (await t.db.query(`SELECT display_name FROM users WHERE id = $1`, [userId]))[0].display_name as string;

describe('proposeMediator', () => {
  it("lists a shared person and a shared side label, without the other case's caption or id", async () => {
    const c = await caseWithSides();
    const result = await t.gql(PROPOSE, { c: c.id, u: mediator.id }, admin.token);
    expect(result.errors).toBeUndefined();
    // The proposing administrator does not read the case-shared tier.
    expect(result.data!.proposeMediator.mediatorAssignment).toBeNull();

    const seen = await t.gql(CASE, { id: c.id }, counselB.token);
    const assignment = seen.data!.case.mediatorAssignment;
    const [m, a] = [await names(mediator.id), await names(counselA.id)];
    expect(assignment.status).toBe('DISCLOSED');
    const month = new Date().toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(assignment.findings).toEqual([
      { kind: 'PERSON', sentence: `${m} and ${a} were both on a case opened ${month} (${m} mediated it).` },
      { kind: 'SIDE', sentence: `Side “Acme Supply” was also a side in a case ${m} mediated (${new Date().getUTCFullYear()}).` },
    ]);
    expect(assignment.awaitingSideIds.sort()).toEqual([c.sideA, c.sideB].sort());
    const text = JSON.stringify(seen);
    expect(text).not.toContain('MARKER-PAST-CAPTION');
    expect(text).not.toContain('Gamma');
    const [pastCase] = await t.db.query(`SELECT id FROM cases WHERE caption = $1`, [PAST_CAPTION]);
    expect(text).not.toContain(pastCase.id);
    expect(JSON.stringify(await t.db.query(`SELECT findings FROM mediator_assignments WHERE case_id = $1`, [c.id]))).not.toContain(pastCase.id);
    // Not yet on the case.
    expect(seen.data!.case.participants.some((p: { role: string; name: string }) => p.role === 'MEDIATOR' && p.name === m)).toBe(false);
    expect((await t.gql(CASE, { id: c.id }, mediator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(seen.data!.case.timeline[0]).toEqual({ type: 'MEDIATOR_PROPOSED', summary: 'Mediator proposed; conflict inquiry findings: 2' });
    const [event] = await t.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'MEDIATOR_PROPOSED'`, [c.id]);
    expect(event.payload).toEqual({ findings: 2 });
  });

  it('takes effect at once when the inquiry finds nothing', async () => {
    const c = await caseWithSides([{ label: 'Delta Corp', role: 'CLAIMANT' }, { label: 'Epsilon LLC', role: 'RESPONDENT' }]);
    expect((await t.gql(PROPOSE, { c: c.id, u: fresh.id }, admin.token)).errors).toBeUndefined();
    const seen = await t.gql(CASE, { id: c.id }, fresh.token);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.case.mediatorAssignment).toMatchObject({ status: 'ACCEPTED', findings: [], awaitingSideIds: [] });
    expect(seen.data!.case.timeline.slice(0, 2).map((e: { type: string }) => e.type)).toEqual(['MEDIATOR_ASSIGNED', 'MEDIATOR_PROPOSED']);
  });

  it('refuses, writing nothing: counsel, a program administrator of another organisation, a non-mediator, another organisation\'s mediator', async () => {
    const c = await caseWithSides();
    const before = await writes(c.id);
    const outsiderMediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const refusals: [User, string, string][] = [
      [counselA, mediator.id, 'FORBIDDEN'],
      [outsiderAdmin, mediator.id, 'NOT_FOUND'],
      [admin, member.id, 'BAD_USER_INPUT'],
      [admin, outsiderMediator.id, 'BAD_USER_INPUT'],
      [admin, 'not-a-uuid', 'BAD_USER_INPUT'],
      [admin, counselA.id, 'BAD_USER_INPUT'],
    ];
    for (const [who, userId, code] of refusals) {
      const result = await t.gql(PROPOSE, { c: c.id, u: userId }, who.token);
      expect([userId, result.errors?.[0]?.extensions?.code]).toEqual([userId, code]);
    }
    expect(await writes(c.id)).toEqual(before);
  });
});

describe('acknowledgeMediatorDisclosure', () => {
  it('assigns the mediator once every active side acknowledged, not before', async () => {
    const c = await caseWithSides();
    await t.gql(PROPOSE, { c: c.id, u: mediator.id }, admin.token);

    const first = await t.gql(ACK, { c: c.id, s: c.sideA }, partyA.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.acknowledgeMediatorDisclosure.mediatorAssignment).toMatchObject({ status: 'DISCLOSED', acknowledgedSideIds: [c.sideA], awaitingSideIds: [c.sideB] });
    expect((await t.gql(CASE, { id: c.id }, mediator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // The same side again: refused, nothing written.
    const before = await writes(c.id);
    expect((await t.gql(ACK, { c: c.id, s: c.sideA }, counselA.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await writes(c.id)).toEqual(before);

    const second = await t.gql(ACK, { c: c.id, s: c.sideB }, counselB.token);
    expect(second.errors).toBeUndefined();
    expect(second.data!.acknowledgeMediatorDisclosure.mediatorAssignment).toMatchObject({ status: 'ACCEPTED', awaitingSideIds: [] });
    const m = await names(mediator.id);
    expect(second.data!.acknowledgeMediatorDisclosure.participants).toContainEqual({ name: m, role: 'MEDIATOR' });

    const asMediator = await t.gql(CASE, { id: c.id }, mediator.token);
    expect(asMediator.errors).toBeUndefined();
    expect(asMediator.data!.case.timeline.slice(0, 4).map((e: { type: string }) => e.type)).toEqual([
      'MEDIATOR_ASSIGNED',
      'MEDIATOR_DISCLOSURE_ACKNOWLEDGED',
      'MEDIATOR_DISCLOSURE_ACKNOWLEDGED',
      'MEDIATOR_PROPOSED',
    ]);
    const acks = await t.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'MEDIATOR_DISCLOSURE_ACKNOWLEDGED' ORDER BY seq`, [c.id]);
    expect(acks.map((a: { payload: unknown }) => a.payload)).toEqual([{ sideId: c.sideA }, { sideId: c.sideB }]);

    // Nothing pending any more.
    expect((await t.gql(ACK, { c: c.id, s: c.sideA }, counselA.token)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it("answers NOT_FOUND for another side's id, an unknown id, and another case's side; nothing written", async () => {
    const c = await caseWithSides();
    await t.gql(PROPOSE, { c: c.id, u: mediator.id }, admin.token);
    const elsewhere = await caseWithSides();
    const before = await writes(c.id);
    for (const [who, side] of [
      [counselA, c.sideB],
      [counselB, c.sideA],
      [counselA, '00000000-0000-4000-8000-000000000000'],
      [counselA, elsewhere.sideA],
      [counselA, 'nope'],
    ] as [User, string][]) {
      const result = await t.gql(ACK, { c: c.id, s: side }, who.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(result.errors?.[0]?.message).toBe('No side with that id exists, or you do not have access to it.');
    }
    // The administrator and the proposed mediator are not on a side.
    expect((await t.gql(ACK, { c: c.id, s: c.sideA }, admin.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(ACK, { c: c.id, s: c.sideA }, mediator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await writes(c.id)).toEqual(before);
  });

  it('a new proposal withdraws the pending one', async () => {
    const c = await caseWithSides();
    await t.gql(PROPOSE, { c: c.id, u: mediator.id }, admin.token);
    await t.gql(ACK, { c: c.id, s: c.sideA }, counselA.token);
    const other = await f.newUser(org, 'MEDIATOR');
    await t.gql(PROPOSE, { c: c.id, u: other.id }, admin.token);
    const rows = await t.db.query(`SELECT status FROM mediator_assignments WHERE case_id = $1 ORDER BY created_at`, [c.id]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['WITHDRAWN', 'ACCEPTED']);
  });
});

describe('mediatorsOfMyOrganisation', () => {
  const LIST = `{ mediatorsOfMyOrganisation { id displayName } }`;

  it("lists the organisation's mediators, by name and id only, to its mediators and program administrators", async () => {
    const own = await f.newOrganisation();
    const [m1, m2, pa, orgAdmin, plain] = [
      await f.newUser(own, 'MEDIATOR'),
      await f.newUser(own, 'MEDIATOR'),
      await f.newUser(own, 'PROGRAM_ADMIN'),
      await f.newUser(own, 'ORG_ADMIN'),
      await f.newUser(own),
    ];
    await f.newUser(await f.newOrganisation(), 'MEDIATOR'); // another organisation's mediator
    const expected = [
      { id: m1.id, displayName: await names(m1.id) },
      { id: m2.id, displayName: await names(m2.id) },
    ].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    for (const who of [m1, pa]) {
      const result = await t.gql(LIST, {}, who.token);
      expect(result.errors).toBeUndefined();
      expect([...result.data!.mediatorsOfMyOrganisation].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))).toEqual(expected);
    }
    for (const who of [orgAdmin, plain]) {
      const result = await t.gql(LIST, {}, who.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(result)).not.toContain(m1.id);
    }
    expect((await t.gql(LIST)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // An e-mail is not part of a summary.
    expect((await t.gql(`{ mediatorsOfMyOrganisation { id email } }`, {}, pa.token)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
