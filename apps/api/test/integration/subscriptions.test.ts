import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { webDistPath } from '../../src/app.module.js';
import { CaseChangeListener } from '../../src/realtime/case-change.listener.js';
import { startServer } from '../../src/server.js';
import { factories, startTestApp, startTestAppOn, type TestApp } from '../support/app.js';
import { createTestDatabase, serverEnv } from '../support/database.js';
import { changesHeard, disposeClients, socketClient, subscribe, until } from '../support/subscriptions.js';

const CASE_CHANGED = `subscription ($id: ID!) {
  caseChanged(caseId: $id) { id version state { resolution } allowedEvents myRoles { role } timeline { type } }
}`;
const PIPELINE_CHANGED = `subscription { pipelineChanged { caseId resync } }`;
const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { id version state { resolution } }
}`;

// Two api instances on one database, as two processes behind a load balancer would be.
let a: TestApp;
let b: TestApp;
let f: ReturnType<typeof factories>;
let org: string;
let mediator: { id: string; token: string };

async function transition(caseId: string, v: number, event: Record<string, unknown>, token = mediator.token, via = a) {
  const result = await via.gql(TRANSITION, { caseId, v, event }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.transitionCase;
}

beforeAll(async () => {
  a = await startTestApp('realtime');
  b = await startTestAppOn(a.databaseUrl);
  f = factories(a);
  org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
});
afterAll(async () => {
  await disposeClients();
  await b?.close();
  await a?.close();
});

describe('caseChanged', () => {
  it('delivers the case as it is now, then its new state after a transition', async () => {
    const c = await f.newCase(mediator.token);
    await changesHeard(a, b); // the notices of creating the case(s) come first, not mid-test
    const live = subscribe(socketClient(a, { token: mediator.token }), CASE_CHANGED, { id: c.id });

    const now = await live.next('the case as it is now');
    expect(now.errors).toBeUndefined();
    expect(now.data!.caseChanged).toMatchObject({ id: c.id, version: 1, state: { resolution: 'intake' }, myRoles: [{ role: 'MEDIATOR' }] });

    const moved = await transition(c.id, 1, { scheduleMediation: true });
    const changed = await live.next('the case after SCHEDULE_MEDIATION');
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.caseChanged).toMatchObject({ id: c.id, version: 2, state: moved.state });
    expect(changed.data!.caseChanged.allowedEvents).toContain('START_SESSION');
    // Each event is resolved afresh (no per-request cache outlives an event): the timeline grew.
    expect(changed.data!.caseChanged.timeline.map((e: { type: string }) => e.type)).toEqual(['SCHEDULE_MEDIATION', 'CASE_OPENED']);

    await transition(c.id, 2, { startSession: true });
    expect((await live.next('the case after START_SESSION')).data!.caseChanged.version).toBe(3);
    live.close();
  });

  it('accepts the session cookie of the upgrade request, as a browser sends it', async () => {
    const c = await f.newCase(mediator.token);
    const live = subscribe(socketClient(a, { cookie: `impasse_session=${mediator.token}` }), CASE_CHANGED, { id: c.id });
    const now = await live.next('the case, signed in by cookie');
    expect(now.errors).toBeUndefined();
    expect(now.data!.caseChanged.id).toBe(c.id);
    live.close();
  });

  it('takes the cookie from a page of its own origin, and not from a page of another origin of the same site', async () => {
    const c = await f.newCase(mediator.token);
    const cookie = `impasse_session=${mediator.token}`;
    const own = subscribe(socketClient(a, { cookie, origin: new URL(a.url).origin }), CASE_CHANGED, { id: c.id });
    expect((await own.next('the case, from a page of the api')).data!.caseChanged.id).toBe(c.id);
    own.close();
    // A sibling subdomain's page gets the SameSite=Lax cookie sent along, but not the case.
    for (const origin of ['http://evil.localhost:3000', `http://localhost:${Number(new URL(a.url).port) + 1}`, 'null']) {
      const foreign = subscribe(socketClient(a, { cookie, origin }), CASE_CHANGED, { id: c.id });
      const answer = await foreign.next(`an answer to a socket opened by ${origin}`);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    // An API client names itself with its token: where it runs is no concern.
    const client = subscribe(socketClient(a, { token: mediator.token, origin: 'http://elsewhere.test' }), CASE_CHANGED, { id: c.id });
    expect((await client.next('the case, to a bearer token')).data!.caseChanged.id).toBe(c.id);
    client.close();
  });

  it('reaches a subscriber on another api instance through PostgreSQL', async () => {
    const c = await f.newCase(mediator.token);
    await changesHeard(a, b); // the notices of creating the case(s) come first, not mid-test
    const onB = subscribe(socketClient(b, { token: mediator.token }), CASE_CHANGED, { id: c.id });
    expect((await onB.next('the case on instance B')).data!.caseChanged.version).toBe(1);

    await transition(c.id, 1, { scheduleMediation: true }, mediator.token, a);
    const changed = await onB.nextMatching('the transition made through instance A', (r) => !!r.errors || r.data?.caseChanged?.version !== 1);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.caseChanged).toMatchObject({ id: c.id, version: 2 });
    onB.close();
  });

  it('answers NOT_FOUND, and sends nothing, to someone not on the case or in another organisation', async () => {
    const c = await f.newCase(mediator.token);
    const colleague = await f.newUser(org, 'MEDIATOR');
    const stranger = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    for (const [who, id] of [
      [colleague, c.id],
      [stranger, c.id],
      [mediator, '00000000-0000-4000-8000-000000000000'],
      [mediator, 'not-an-id'],
    ] as const) {
      const live = subscribe(socketClient(a, { token: who.token }), CASE_CHANGED, { id });
      const answer = await live.next(`an answer to subscribing to ${id}`);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      await live.completed();
      expect(live.received).toHaveLength(1);
    }
    // The case did change meanwhile: still nothing reached them (their subscriptions ended).
    await transition(c.id, 1, { scheduleMediation: true });
  });

  it('ends with NOT_FOUND when the subscriber is taken off the case', async () => {
    const c = await f.newCase(mediator.token);
    const counsel = await f.newUser(org);
    await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
    await changesHeard(a, b); // the notices of creating the case(s) come first, not mid-test
    const live = subscribe(socketClient(a, { token: counsel.token }), CASE_CHANGED, { id: c.id });
    expect((await live.next('the case as counsel sees it')).data!.caseChanged.myRoles).toEqual([{ role: 'COUNSEL' }]);

    await a.db.query(`DELETE FROM participants WHERE case_id = $1 AND user_id = $2`, [c.id, counsel.id]);
    await transition(c.id, 1, { scheduleMediation: true });
    const last = await live.next('the answer after losing access');
    expect(last.data ?? null).toBeNull();
    expect(last.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    await live.completed();
  });
});

describe('pipelineChanged', () => {
  it('tells each subscriber about the cases they take part in, and never names another case', async () => {
    const listenerA = a.app.get(CaseChangeListener);
    const listenerB = b.app.get(CaseChangeListener);
    const theirs = await f.newCase(mediator.token); // counsel takes part
    const other = await f.newCase(mediator.token); // counsel does not
    const counsel = await f.newUser(org);
    await f.addParticipant(theirs.id, counsel.id, 'COUNSEL', theirs.sides[0]!.id);
    const elsewhereOrg = await f.newOrganisation();
    const elsewhere = await f.newUser(elsewhereOrg, 'MEDIATOR');
    const elsewhereCase = await f.newCase(elsewhere.token);

    const subsA = listenerA.subscriberCount;
    const subsB = listenerB.subscriberCount;
    await changesHeard(a, b); // the notices of creating the case(s) come first, not mid-test
    const ofMediator = subscribe(socketClient(a, { token: mediator.token }), PIPELINE_CHANGED);
    const ofCounsel = subscribe(socketClient(b, { token: counsel.token }), PIPELINE_CHANGED);
    const ofElsewhere = subscribe(socketClient(a, { token: elsewhere.token }), PIPELINE_CHANGED);
    await until(() => listenerA.subscriberCount === subsA + 2 && listenerB.subscriberCount === subsB + 1, 'the three subscriptions to be registered');

    // A change to `other`; once the mediator hears of it, every subscriber's feed has had it.
    await transition(other.id, 1, { scheduleMediation: true });
    expect((await ofMediator.next('the change to the other case')).data!.pipelineChanged).toEqual({ caseId: other.id, resync: false });
    // Then a change to `theirs`: the counsel's first event is about it, so `other` was filtered out.
    await transition(theirs.id, 1, { scheduleMediation: true }, mediator.token, b);
    expect((await ofCounsel.next('the change to their case')).data!.pipelineChanged).toEqual({ caseId: theirs.id, resync: false });
    expect((await ofMediator.next('the change to their case')).data!.pipelineChanged).toEqual({ caseId: theirs.id, resync: false });
    // The other organisation's mediator heard neither: their first event is their own case.
    await transition(elsewhereCase.id, 1, { scheduleMediation: true }, elsewhere.token);
    expect((await ofElsewhere.next('the change to their own case')).data!.pipelineChanged).toEqual({ caseId: elsewhereCase.id, resync: false });

    expect(ofCounsel.received.map((r) => r.data?.pipelineChanged.caseId)).toEqual([theirs.id]);
    expect(ofElsewhere.received.map((r) => r.data?.pipelineChanged.caseId)).toEqual([elsewhereCase.id]);
    for (const live of [ofMediator, ofCounsel, ofElsewhere]) live.close();
    await until(() => listenerA.subscriberCount === subsA && listenerB.subscriberCount === subsB, 'closed subscriptions to be released');
  });
});

describe('the socket', () => {
  it('refuses anonymous subscribers and unknown tokens with UNAUTHENTICATED', async () => {
    const c = await f.newCase(mediator.token);
    for (const client of [socketClient(a), socketClient(a, { token: 'not-a-session' }), socketClient(a, { cookie: 'impasse_session=nope' })]) {
      for (const [query, variables] of [
        [PIPELINE_CHANGED, {}],
        [CASE_CHANGED, { id: c.id }],
      ] as const) {
        const live = subscribe(client, query, variables);
        const answer = await live.next('an answer to an anonymous subscription');
        expect(answer.data ?? null).toBeNull();
        expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        await live.completed();
      }
    }
  });

  it('carries subscriptions only, and reports bad queries with a code', async () => {
    const client = socketClient(a, { token: mediator.token });
    const query = subscribe(client, `query { me { email } }`);
    const refused = await query.next('the answer to a query over the socket');
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toMatch(/subscriptions only/);

    const invalid = subscribe(client, `subscription { caseChanged { nope } }`);
    const answer = await invalid.next('the answer to an invalid subscription');
    expect(answer.errors!.length).toBeGreaterThan(0);
    expect(new Set(answer.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
  });
});

describe('the production start', () => {
  it('serves the socket on the same port and path as HTTP, beside the dashboard, and stops cleanly', async () => {
    const server = await startServer(
      { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', ...serverEnv(await createTestDatabase('realtimeprod')) },
      () => undefined,
    );
    try {
      // The dashboard is served from the same port (turbo builds the web before the api's tests).
      expect(webDistPath(server.config)).not.toBeNull();
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id=');
      const live = subscribe(socketClient({ url: server.url.replace('localhost', '127.0.0.1') }), PIPELINE_CHANGED);
      const answer = await live.next('an answer from the production server');
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(server.app.get(CaseChangeListener).isListening).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

describe('an ended session', () => {
  const ME = `{ me { id } }`;
  const lookups = (app: TestApp) => app.statements.filter((sql) => sql.includes('FROM sessions s JOIN users u')).length;

  it('is refused at once on every instance, even one that had its viewer cached', async () => {
    const user = await f.newUser(org, 'MEDIATOR');
    await until(() => b.app.get(CaseChangeListener).isListening, 'instance B to listen');
    expect((await b.gql(ME, {}, user.token)).data!.me).toEqual({ id: user.id });
    b.statements.length = 0;
    expect((await b.gql(ME, {}, user.token)).data!.me).toEqual({ id: user.id });
    expect(lookups(b)).toBe(0); // answered from B's cache of recent sessions
    expect((await a.gql(`mutation { signOut }`, {}, user.token)).data).toEqual({ signOut: true });
    await until(async () => (await b.gql(ME, {}, user.token)).data!.me === null, 'instance B to refuse the ended session', 2000);
    expect((await a.gql(ME, {}, user.token)).data!.me).toBeNull();
  });

  it('ends its subscriptions with UNAUTHENTICATED, on the instance that ended it and on the others', async () => {
    const user = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(user.token);
    const onA = subscribe(socketClient(a, { token: user.token }), PIPELINE_CHANGED);
    const onB = subscribe(socketClient(b, { token: user.token }), CASE_CHANGED, { id: c.id });
    expect((await onB.next('the case as it is now')).data!.caseChanged.id).toBe(c.id);
    await until(() => a.app.get(CaseChangeListener).subscriberCount > 0, 'the pipeline subscription on A');
    await a.gql(`mutation { signOut }`, {}, user.token);
    for (const live of [onA, onB]) {
      const ended = await live.nextMatching('the end of the subscription', (r) => !!r.errors);
      expect(ended.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
      await live.completed();
    }
  });
});
