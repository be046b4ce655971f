import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type GqlResult, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let unique = 0;

beforeAll(async () => {
  t = await startTestApp('invitations');
  f = factories(t);
});
afterAll(() => t.close());

const INVITE = `mutation ($caseId: ID!, $input: InviteToCaseInput!) { inviteToCase(caseId: $caseId, input: $input) { url expiresAt } }`;
const LOOKUP = `query ($token: String!) { invitation(token: $token) { caseCaption sideLabel role email displayName expired used } }`;
const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

async function accept(token: string, password: string | null, sessionToken?: string) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sessionToken ? { authorization: `Bearer ${sessionToken}` } : {}) },
    body: JSON.stringify({
      query: `mutation ($token: String!, $password: String) { acceptInvitation(token: $token, password: $password) { caseId token expiresAt } }`,
      variables: { token, password },
    }),
  });
  return { cookie: response.headers.get('set-cookie'), result: (await response.json()) as GqlResult };
}

/** What accepting may write, counted: a rejected accept must leave all of it unchanged. */
async function footprint(caseId: string) {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM participants WHERE case_id = $1) AS participants,
            (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events, (SELECT count(*)::int FROM sessions) AS sessions,
            (SELECT count(*)::int FROM invitations WHERE used_at IS NOT NULL) AS used`,
    [caseId],
  );
  return row;
}

async function mediatedCase() {
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const c = await f.newCase(mediator.token, { caption: `Acme v. Beta ${++unique}` });
  return { org, mediator, c };
}

async function invite(token: string, caseId: string, sideId: string, over: Record<string, unknown> = {}) {
  return t.gql(INVITE, { caseId, input: { email: `invitee${++unique}.${Date.now().toString(36)}@example.test`, displayName: 'Carla Counsel', role: 'COUNSEL', sideId, ...over } }, token);
}

const tokenOf = (url: string) => url.replace(/^\/invite\//, '');

describe('invitations', () => {
  it('invite → public lookup → accept as a new user → signed in, sees the case as counsel of that side', async () => {
    const { mediator, c } = await mediatedCase();
    const respondent = c.sides[1]!.id;
    const email = `new.counsel${++unique}@example.test`;
    const invited = await invite(mediator.token, c.id, respondent, { email: email.toUpperCase() });
    expect(invited.errors).toBeUndefined();
    const { url, expiresAt } = invited.data!.inviteToCase;
    expect(url).toMatch(/^\/invite\/[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const [stored] = await t.db.query(`SELECT token_hash FROM invitations WHERE case_id = $1`, [c.id]);
    expect(stored.token_hash).not.toContain(tokenOf(url));

    const lookup = await t.gql(LOOKUP, { token: tokenOf(url) });
    expect(lookup.data!.invitation).toEqual({
      caseCaption: expect.stringMatching(/^Acme v\. Beta/),
      sideLabel: 'Beta Retail',
      role: 'COUNSEL',
      email,
      displayName: 'Carla Counsel',
      expired: false,
      used: false,
    });

    const weak = await accept(tokenOf(url), 'short');
    expect(weak.result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    // The invited name is among what the strength check looks for.
    const named = await accept(tokenOf(url), 'Carla Counsel 2');
    expect(named.result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(named.result.errors![0]!.message).toMatch(/too easy to guess.*personal/);
    expect(code((await accept(tokenOf(url), null)).result)).toBe('BAD_USER_INPUT');

    const { cookie, result } = await accept(tokenOf(url), 'a long enough password');
    expect(result.errors).toBeUndefined();
    expect(result.data!.acceptInvitation.caseId).toBe(c.id);
    expect(cookie).toMatch(/^impasse_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const viaCookie = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie!.split(';')[0]! },
      body: JSON.stringify({ query: `{ me { email displayName } cases { edges { node { id myRoles { role sideId } } } } }` }),
    });
    const seen = ((await viaCookie.json()) as GqlResult).data!;
    expect(seen.me).toEqual({ email, displayName: 'Carla Counsel' });
    expect(seen.cases.edges).toEqual([{ node: { id: c.id, myRoles: [{ role: 'COUNSEL', sideId: respondent }] } }]);

    const timeline = await t.gql(`query ($id: ID!) { case(id: $id) { timeline { type } } }`, { id: c.id }, mediator.token);
    expect(timeline.data!.case.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['PARTICIPANT_INVITED', 'INVITATION_ACCEPTED']));
    const payloads = await t.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type IN ('PARTICIPANT_INVITED','INVITATION_ACCEPTED')`, [c.id]);
    expect(payloads).toHaveLength(2);
    for (const { payload } of payloads) {
      expect(payload).toMatchObject({ role: 'COUNSEL', sideId: respondent });
      expect(JSON.stringify(payload)).not.toContain('@');
    }
    const integrity = await t.gql(`query ($id: ID!) { case(id: $id) { timelineIntegrity { intact } } }`, { id: c.id }, mediator.token);
    expect(integrity.data!.case.timelineIntegrity.intact).toBe(true);
  });

  it('refuses a used link with a clear error and writes nothing', async () => {
    const { mediator, c } = await mediatedCase();
    const { url } = (await invite(mediator.token, c.id, c.sides[0]!.id)).data!.inviteToCase;
    expect((await accept(tokenOf(url), 'a long enough password')).result.errors).toBeUndefined();
    const before = await footprint(c.id);
    const again = await accept(tokenOf(url), 'another long password');
    expect(again.result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/already used/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(again.cookie).toBeNull();
    expect(await footprint(c.id)).toEqual(before);
    expect((await t.gql(LOOKUP, { token: tokenOf(url) })).data!.invitation).toMatchObject({ used: true });
  });

  it('refuses an expired link and writes nothing', async () => {
    const { mediator, c } = await mediatedCase();
    const { url } = (await invite(mediator.token, c.id, c.sides[0]!.id)).data!.inviteToCase;
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE case_id = $1`, [c.id]);
    expect((await t.gql(LOOKUP, { token: tokenOf(url) })).data!.invitation).toMatchObject({ expired: true, used: false });
    const before = await footprint(c.id);
    const late = await accept(tokenOf(url), 'a long enough password');
    expect(late.result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/has expired/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await footprint(c.id)).toEqual(before);
  });

  it('answers NOT_FOUND for a made-up token', async () => {
    expect(code(await t.gql(LOOKUP, { token: 'made-up' }))).toBe('NOT_FOUND');
    expect(code((await accept('made-up', 'a long enough password')).result)).toBe('NOT_FOUND');
  });

  it('lets only the case’s mediator or program administrator invite', async () => {
    const { org, mediator, c } = await mediatedCase();
    const counsel = await f.newUser(org);
    await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
    const outsider = await f.newUser(org, 'MEDIATOR');
    const before = await footprint(c.id);
    expect(code(await invite(counsel.token, c.id, c.sides[0]!.id))).toBe('FORBIDDEN');
    // Someone not on the case does not learn that it exists.
    expect(code(await invite(outsider.token, c.id, c.sides[0]!.id))).toBe('NOT_FOUND');
    expect(code(await invite('', c.id, c.sides[0]!.id))).toBe('UNAUTHENTICATED');
    expect(await footprint(c.id)).toEqual(before);
    const programAdmin = await f.newUser(org, 'PROGRAM_ADMIN');
    await f.addParticipant(c.id, programAdmin.id, 'PROGRAM_ADMIN');
    expect((await invite(programAdmin.token, c.id, c.sides[0]!.id, { role: 'PARTY' })).errors).toBeUndefined();
    expect((await invite(mediator.token, c.id, c.sides[0]!.id)).errors).toBeUndefined();
  });

  it('refuses a side of another case, and bad input, naming the field', async () => {
    const { mediator, c } = await mediatedCase();
    const other = await f.newCase(mediator.token);
    const wrongSide = await invite(mediator.token, c.id, other.sides[0]!.id);
    expect(wrongSide.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'sideId' } });
    expect((await invite(mediator.token, c.id, 'not-a-uuid')).errors?.[0]).toMatchObject({ extensions: { field: 'sideId' } });
    expect((await invite(mediator.token, c.id, c.sides[0]!.id, { email: 'nope' })).errors?.[0]).toMatchObject({ extensions: { field: 'email' } });
    expect((await invite(mediator.token, c.id, c.sides[0]!.id, { role: 'MEDIATOR' })).errors?.length).toBeGreaterThan(0);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM invitations WHERE case_id = $1`, [c.id])).toEqual([{ n: 0 }]);
  });

  it('requires an existing account to be signed in as that e-mail', async () => {
    const { org, mediator, c } = await mediatedCase();
    const existing = await f.newUser(org);
    const someoneElse = await f.newUser(org);
    const { url } = (await invite(mediator.token, c.id, c.sides[0]!.id, { email: existing.email, role: 'PARTY' })).data!.inviteToCase;
    const before = await footprint(c.id);
    const anonymous = await accept(tokenOf(url), 'a long enough password');
    expect(anonymous.result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/sign in/i) });
    expect(code((await accept(tokenOf(url), null, someoneElse.token)).result)).toBe('FORBIDDEN');
    expect(await footprint(c.id)).toEqual(before);

    const signedIn = await accept(tokenOf(url), null, existing.token);
    expect(signedIn.result.errors).toBeUndefined();
    expect(signedIn.result.data!.acceptInvitation).toEqual({ caseId: c.id, token: null, expiresAt: null });
    const view = await t.gql(`query ($id: ID!) { case(id: $id) { myRoles { role sideId } } }`, { id: c.id }, existing.token);
    expect(view.data!.case.myRoles).toEqual([{ role: 'PARTY', sideId: c.sides[0]!.id }]);
    expect(code(await t.gql(`query ($id: ID!) { case(id: $id) { id } }`, { id: c.id }, someoneElse.token))).toBe('NOT_FOUND');
  });

  it('a mediator cannot put themselves on a side: their e-mail holds a role, and so does anyone on the case (one role per person)', async () => {
    const { org, mediator, c } = await mediatedCase();
    const counsel = await f.newUser(org);
    await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
    const before = await footprint(c.id);
    for (const email of [mediator.email, counsel.email, counsel.email.toUpperCase()]) {
      const refused = await invite(mediator.token, c.id, c.sides[1]!.id, { email });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'email' }, message: expect.stringMatching(/one role per case/) });
    }
    expect(await footprint(c.id)).toEqual(before);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM invitations WHERE case_id = $1`, [c.id])).toEqual([{ n: 0 }]);
  });

  it('only the invited account accepts: signed in as anyone else (the mediator included) is refused and writes nothing', async () => {
    const { mediator, c } = await mediatedCase();
    const { url } = (await invite(mediator.token, c.id, c.sides[1]!.id)).data!.inviteToCase;
    const before = await footprint(c.id);
    const asMediator = await accept(tokenOf(url), 'a long enough password', mediator.token);
    expect(asMediator.result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/another e-mail address/) });
    expect(await footprint(c.id)).toEqual(before);
    const workspace = await t.gql(`query ($id: ID!, $s: ID!) { case(id: $id) { myWorkspace(sideId: $s) { sideId } } }`, { id: c.id, s: c.sides[1]!.id }, mediator.token);
    expect(workspace.data!.case.myWorkspace).toBeNull();
  });

  it('accounts of mediators and program administrators never join a side, even when invited by their own e-mail', async () => {
    for (const orgRole of ['MEDIATOR', 'PROGRAM_ADMIN'] as const) {
      const { org, mediator, c } = await mediatedCase();
      const neutral = await f.newUser(org, orgRole);
      const { url } = (await invite(mediator.token, c.id, c.sides[0]!.id, { email: neutral.email })).data!.inviteToCase;
      const before = await footprint(c.id);
      const refused = await accept(tokenOf(url), null, neutral.token);
      expect(refused.result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/cannot join a side/) });
      expect(await footprint(c.id)).toEqual(before);
    }
  });

  it('acceptance checks the case again: a second invitation of the same person to the other side is refused once they joined', async () => {
    const { org, mediator, c } = await mediatedCase();
    const person = await f.newUser(org);
    const first = (await invite(mediator.token, c.id, c.sides[0]!.id, { email: person.email })).data!.inviteToCase;
    const second = (await invite(mediator.token, c.id, c.sides[1]!.id, { email: person.email, role: 'PARTY' })).data!.inviteToCase;
    expect((await accept(tokenOf(first.url), null, person.token)).result.errors).toBeUndefined();
    const before = await footprint(c.id);
    const refused = await accept(tokenOf(second.url), null, person.token);
    expect(refused.result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/one role per case/) });
    expect(await footprint(c.id)).toEqual(before);
    const view = await t.gql(`query ($id: ID!) { case(id: $id) { myRoles { role sideId } } }`, { id: c.id }, person.token);
    expect(view.data!.case.myRoles).toEqual([{ role: 'COUNSEL', sideId: c.sides[0]!.id }]);
  });

  it('tells the inviter nothing about whether an e-mail has an account anywhere', async () => {
    const { mediator, c } = await mediatedCase();
    const elsewhere = await f.newOrganisation();
    const holder = await f.newUser(elsewhere);
    const answers = [];
    for (const email of [holder.email, `nobody.${++unique}@example.test`]) {
      const invited = await invite(mediator.token, c.id, c.sides[0]!.id, { email });
      expect(invited.errors).toBeUndefined();
      const lookup = await t.gql(LOOKUP, { token: tokenOf(invited.data!.inviteToCase.url) });
      const { email: _email, ...rest } = lookup.data!.invitation;
      answers.push({ invited: Object.keys(invited.data!.inviteToCase), lookup: rest });
    }
    expect(answers[0]).toEqual(answers[1]);
    const fields = await t.gql(`{ __type(name: "Invitation") { fields { name } } }`);
    expect(fields.data!.__type.fields.map((field: { name: string }) => field.name)).not.toContain('accountExists');
  });

  it("puts every change of who is on a side on the timeline, and the side's workspace names who can read it", async () => {
    const { org, mediator, c } = await mediatedCase();
    const counsel = await f.newUser(org);
    const { url } = (await invite(mediator.token, c.id, c.sides[0]!.id, { email: counsel.email, displayName: 'Carla Counsel' })).data!.inviteToCase;
    const before = await t.gql(`query ($id: ID!) { case(id: $id) { version } }`, { id: c.id }, mediator.token);
    expect((await accept(tokenOf(url), null, counsel.token)).result.errors).toBeUndefined();
    const seen = await t.gql(
      `query ($id: ID!) { case(id: $id) { version timeline { type summary } myWorkspace { visibleTo { name role } } } }`,
      { id: c.id },
      counsel.token,
    );
    expect(seen.data!.case.timeline.slice(0, 2)).toEqual([
      { type: 'INVITATION_ACCEPTED', summary: 'Joined as counsel' },
      { type: 'PARTICIPANT_INVITED', summary: 'Invited counsel to a side' },
    ]);
    // Who is on a side changed: a transition prepared against the old roles must reload.
    expect(seen.data!.case.version).toBe(before.data!.case.version + 1);
    const [me] = await t.db.query(`SELECT display_name AS name FROM users WHERE id = $1`, [counsel.id]);
    expect(seen.data!.case.myWorkspace.visibleTo).toEqual([{ name: me.name, role: 'COUNSEL' }]);
  });
});
