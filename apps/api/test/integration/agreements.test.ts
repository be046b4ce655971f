/**
 * A mediated agreement is the product's most legally significant record (UMA §6(a)(1);
 * Fla. R. Civ. P. 1.730(b)). Signatories are people: every party participant of every active
 * side signs, a side with no party cannot be bound, and a signature binds exact text (the
 * digest of the covered issues and their terms), so any change of the text voids it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type GqlResult, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('agreements');
  f = factories(t);
});
afterAll(() => t.close());

const PASSWORD = 'correct horse battery staple';
const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;
const TERMS = `mutation ($c: ID!, $i: AgreementTermsInput!) { setAgreementTerms(caseId: $c, input: $i) { version } }`;
const SIGN = `mutation ($c: ID!, $v: Int!, $i: SignAgreementInput!) { signAgreement(caseId: $c, expectedVersion: $v, input: $i) { version state { resolution } } }`;
const VIEW = `query ($id: ID!) { case(id: $id) {
  version state { resolution } allowedEvents
  agreements { status binding digest missingTerms signingRule sidesWithoutParty
    signatures { partyName signerName } awaitingSignatures { name sideId } terms { issueLabel terms } }
  courtReport { settlement }
  timeline { type summary } } }`;
const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

type User = Awaited<ReturnType<ReturnType<typeof factories>['newUser']>>;

/** A case settled in session, in `agreement`, with parties on each side as given (counts). */
async function settledCase(partiesPerSide: [number, number], options: { signingRule?: 'PARTIES' | 'PARTIES_OR_COUNSEL'; writeTerms?: boolean } = {}) {
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  let programId: string | undefined;
  if (options.signingRule) {
    const [program] = await t.db.query(`INSERT INTO programs (organisation_id, name, signing_rule) VALUES ($1, $2, $3) RETURNING id`, [org, `Program ${org}`, options.signingRule]);
    programId = program.id;
  }
  const c = await f.newCase(mediator.token, { issues: [{ label: 'Price' }, { label: 'Delivery' }], ...(programId ? { programId } : {}) });
  const parties: User[][] = [[], []];
  for (const side of [0, 1] as const) {
    for (let i = 0; i < partiesPerSide[side]; i += 1) {
      const party = await f.newUser(org);
      await f.addParticipant(c.id, party.id, 'PARTY', c.sides[side]!.id);
      parties[side]!.push(party);
    }
  }
  const counsel = await f.newUser(org);
  await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
  const issues = (await t.gql(`query ($id: ID!) { case(id: $id) { issues { id } } }`, { id: c.id }, mediator.token)).data!.case.issues.map((i: { id: string }) => i.id);
  let v = c.version;
  for (const e of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'SETTLED', agreedIssueIds: issues } }]) {
    const moved = await t.gql(TRANSITION, { c: c.id, v, e }, mediator.token);
    expect(moved.errors).toBeUndefined();
    v = moved.data!.transitionCase.version;
  }
  if (options.writeTerms !== false) {
    for (const issueId of issues) expect((await t.gql(TERMS, { c: c.id, i: { issueId, terms: `Terms of ${issueId}` } }, mediator.token)).errors).toBeUndefined();
  }
  return { c, mediator, parties, counsel, issues };
}

const view = async (caseId: string, token: string) => (await t.gql(VIEW, { id: caseId }, token)).data!.case;

async function sign(caseId: string, user: { token: string }, over: Record<string, unknown> = {}) {
  const now = await view(caseId, user.token);
  return t.gql(SIGN, { c: caseId, v: now.version, i: { digest: now.agreements[0].digest, password: PASSWORD, ...over } }, user.token);
}

async function footprint(caseId: string) {
  const [row] = await t.db.query(`SELECT version, snapshot, (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events FROM cases WHERE id = $1`, [caseId]);
  return row;
}

describe('who signs a written agreement', () => {
  it('every party participant of every side signs: the first party of a side does not bind it', async () => {
    const { c, parties, mediator } = await settledCase([2, 1]);
    expect((await sign(c.id, parties[0]![0]!)).errors).toBeUndefined();
    expect((await sign(c.id, parties[1]![0]!)).errors).toBeUndefined();
    let seen = await view(c.id, mediator.token);
    expect(seen.agreements[0]).toMatchObject({ status: 'DRAFT', binding: false, awaitingSignatures: [{ sideId: c.sides[0]!.id }] });
    expect(seen.state.resolution).toBe('agreement');
    // Awaiting signatures: the court hears PENDING, not "no settlement".
    expect(seen.courtReport).toEqual({ settlement: 'PENDING' });
    const last = await sign(c.id, parties[0]![1]!);
    expect(last.errors).toBeUndefined();
    expect(last.data!.signAgreement.state.resolution).toBe('resolved.settled');
    seen = await view(c.id, mediator.token);
    expect(seen.agreements[0]).toMatchObject({ status: 'BINDING', binding: true, awaitingSignatures: [] });
    expect(seen.agreements[0].signatures).toHaveLength(3);
    expect(seen.courtReport).toEqual({ settlement: 'FULL' });
  });

  it('a side with no party participant cannot be bound until one joins', async () => {
    const { c, parties, mediator } = await settledCase([1, 0]);
    expect((await sign(c.id, parties[0]![0]!)).errors).toBeUndefined();
    const seen = await view(c.id, mediator.token);
    expect(seen.agreements[0]).toMatchObject({ status: 'DRAFT', sidesWithoutParty: [c.sides[1]!.id] });
    // A party joins the other side, signs, and only then it binds.
    const late = await f.newUser((await t.db.query(`SELECT organisation_id AS o FROM cases WHERE id = $1`, [c.id]))[0].o);
    await f.addParticipant(c.id, late.id, 'PARTY', c.sides[1]!.id);
    expect((await sign(c.id, late)).data!.signAgreement.state.resolution).toBe('resolved.settled');
  });

  it('a party signs only as themselves; counsel cannot sign where the program says parties sign in person', async () => {
    const { c, counsel, parties } = await settledCase([1, 1]);
    const before = await footprint(c.id);
    const refused = await sign(c.id, counsel);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/counsel cannot sign for a client/) });
    const forClient = await sign(c.id, counsel, { forPartyId: (await t.db.query(`SELECT id FROM participants WHERE user_id = $1`, [parties[0]![0]!.id]))[0].id });
    expect(forClient.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/every party signs in person/) });
    expect(await footprint(c.id)).toEqual(before);
    const party = await view(c.id, parties[0]![0]!.token);
    expect(party.allowedEvents).toContain('SIGN_AGREEMENT');
    expect((await view(c.id, counsel.token)).allowedEvents).not.toContain('SIGN_AGREEMENT_FOR_CLIENT');
    expect((await sign(c.id, parties[0]![0]!)).errors).toBeUndefined();
    expect((await view(c.id, parties[0]![0]!.token)).allowedEvents).not.toContain('SIGN_AGREEMENT');
  });

  it('where the program allows it, counsel sign for a client of their side', async () => {
    const { c, counsel, parties, mediator } = await settledCase([1, 1], { signingRule: 'PARTIES_OR_COUNSEL' });
    expect((await view(c.id, counsel.token)).allowedEvents).toContain('SIGN_AGREEMENT_FOR_CLIENT');
    const [client] = await t.db.query(`SELECT id FROM participants WHERE user_id = $1`, [parties[0]![0]!.id]);
    const [otherSide] = await t.db.query(`SELECT id FROM participants WHERE user_id = $1`, [parties[1]![0]!.id]);
    expect(code(await sign(c.id, counsel, { forPartyId: otherSide.id }))).toBe('INVALID_TRANSITION');
    expect((await sign(c.id, counsel, { forPartyId: client.id })).errors).toBeUndefined();
    expect((await sign(c.id, parties[1]![0]!)).data!.signAgreement.state.resolution).toBe('resolved.settled');
    const seen = await view(c.id, mediator.token);
    expect(seen.agreements[0].signingRule).toBe('PARTIES_OR_COUNSEL');
    expect(seen.agreements[0].signatures).toContainEqual({ partyName: expect.any(String), signerName: expect.any(String) });
  });
});

describe('a signature binds exact text', () => {
  it('a change of the terms voids every signature, noted on the timeline, and binding needs every signature of the current text', async () => {
    const { c, parties, mediator, issues } = await settledCase([1, 1]);
    expect((await sign(c.id, parties[0]![0]!)).errors).toBeUndefined();
    // The other side (through the mediator here) rewrites a term.
    expect((await t.gql(TERMS, { c: c.id, i: { issueId: issues[0], terms: 'Rewritten after one party signed' } }, mediator.token)).errors).toBeUndefined();
    let seen = await view(c.id, mediator.token);
    expect(seen.agreements[0].signatures).toEqual([]);
    expect(seen.timeline.map((e: { summary: string }) => e.summary)).toEqual(
      expect.arrayContaining(['Agreement terms edited; 1 signature voided', 'Agreement text recorded: a signature binds exactly this text']),
    );
    expect((await sign(c.id, parties[1]![0]!)).errors).toBeUndefined();
    seen = await view(c.id, mediator.token);
    expect(seen.agreements[0]).toMatchObject({ status: 'DRAFT', awaitingSignatures: [{ sideId: c.sides[0]!.id }] });
    expect((await sign(c.id, parties[0]![0]!)).data!.signAgreement.state.resolution).toBe('resolved.settled');
  });

  it('refuses a signature of text that changed since it was read, and writes nothing', async () => {
    const { c, parties, mediator, issues } = await settledCase([1, 1]);
    const read = await view(c.id, parties[0]![0]!.token);
    await t.gql(TERMS, { c: c.id, i: { issueId: issues[1], terms: 'Changed while the party was reading' } }, mediator.token);
    const now = await view(c.id, parties[0]![0]!.token);
    const before = await footprint(c.id);
    const stale = await t.gql(SIGN, { c: c.id, v: now.version, i: { digest: read.agreements[0].digest, password: PASSWORD } }, parties[0]![0]!.token);
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' }, message: expect.stringMatching(/changed since you read it/) });
    expect(await footprint(c.id)).toEqual(before);
  });

  it('no issue may be without written terms: nobody signs until every issue has them', async () => {
    const { c, parties, mediator, issues } = await settledCase([1, 1], { writeTerms: false });
    let seen = await view(c.id, parties[0]![0]!.token);
    expect(seen.agreements[0].missingTerms).toEqual(issues);
    expect(seen.allowedEvents).not.toContain('SIGN_AGREEMENT');
    expect(code(await sign(c.id, parties[0]![0]!))).toBe('INVALID_TRANSITION');
    await t.gql(TERMS, { c: c.id, i: { issueId: issues[0], terms: 'Only the first' } }, mediator.token);
    expect(code(await sign(c.id, parties[0]![0]!))).toBe('INVALID_TRANSITION');
    await t.gql(TERMS, { c: c.id, i: { issueId: issues[1], terms: 'And the second' } }, mediator.token);
    seen = await view(c.id, parties[0]![0]!.token);
    expect(seen.agreements[0].missingTerms).toEqual([]);
    expect(seen.allowedEvents).toContain('SIGN_AGREEMENT');
    expect((await sign(c.id, parties[0]![0]!)).errors).toBeUndefined();
  });

  it('a term sheet subject to formal documents never binds, whatever it carries', async () => {
    const { c, parties, mediator } = await settledCase([1, 1]);
    const now = await view(c.id, mediator.token);
    expect((await t.gql(TRANSITION, { c: c.id, v: now.version, e: { markSubjectToFormalDocuments: true } }, mediator.token)).errors).toBeUndefined();
    expect((await sign(c.id, parties[0]![0]!)).errors).toBeUndefined();
    expect((await sign(c.id, parties[1]![0]!)).errors).toBeUndefined();
    const seen = await view(c.id, mediator.token);
    expect(seen.agreements[0]).toMatchObject({ status: 'SUBJECT_TO_FORMAL_DOCUMENTS', binding: false });
    expect(seen.state.resolution).toBe('agreement');
  });

  it('asks for the password again: a wrong one signs nothing', async () => {
    const { c, parties } = await settledCase([1, 1]);
    const before = await footprint(c.id);
    const wrong = await sign(c.id, parties[0]![0]!, { password: 'not the password' });
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(await footprint(c.id)).toEqual(before);
  });

  it('signatures go only through signAgreement: the generic transition has no signing field', async () => {
    const fields = await t.gql(`{ __type(name: "CaseEventInput") { inputFields { name } } }`);
    const names = fields.data!.__type.inputFields.map((field: { name: string }) => field.name);
    expect(names).not.toContain('signAgreement');
    expect(names).not.toContain('signAgreementForClient');
    expect(names).not.toContain('recordAgreementText');
  });
});
