import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '../support/database.js';
import { factories, startTestAppOn, type TestApp } from '../support/app.js';
import { disposeClients, socketClient, subscribe } from '../support/subscriptions.js';

/**
 * The request rate limits (common/rate-limit.ts), with either store, as two api instances on
 * one database see them: the count is shared, a refusal is RATE_LIMITED with retryAfter and
 * HTTP 429 + Retry-After, and it runs no statement of the app.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** Whether Redis answers at REDIS_URL: a user's machine may have none (then its cases are skipped, and say so). */
async function redisAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
const REDIS_UP = await redisAnswers();
// REQUIRE_REDIS=1 (as where Redis is part of the machine) makes a missing Redis a failure, not a skip.
if (!REDIS_UP && !process.env.REQUIRE_REDIS) console.warn(`rate-limit.test: no Redis at ${REDIS_URL}; its cases are skipped (set TEST_REDIS_URL, or REQUIRE_REDIS=1 to fail instead)`);
const STORES: [string, Record<string, string>][] = [['postgres', {}]];
const REDIS_STORE: [string, Record<string, string>][] = [['redis', { REDIS_URL }]];

const ME = `{ me { id } }`;
const CREATE_CASE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id } }`;
const caseInput = {
  caption: 'Refused case',
  disputeType: 'CONTRACT',
  sides: [
    { label: 'Acme Supply', role: 'CLAIMANT' },
    { label: 'Beta Retail', role: 'RESPONDENT' },
  ],
};

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string; retryAfter?: number } }[] };
}

async function post(app: TestApp, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

const started: TestApp[] = [];
afterEach(async () => {
  await disposeClients();
  await Promise.all(started.splice(0).map((app) => app.close()));
});
afterAll(async () => {
  await disposeClients();
});

/** Two instances on a fresh database with the store and budgets given. */
async function twoInstances(store: Record<string, string>, budgets: Record<string, string>): Promise<[TestApp, TestApp]> {
  const url = await createTestDatabase('rate-limit');
  // Redis is shared by whoever runs tests on this machine: keys of this pair only.
  const env = { ...store, ...budgets, REDIS_KEY_PREFIX: `impasse-test-${randomUUID()}` };
  const a = await startTestAppOn(url, env);
  started.push(a);
  const b = await startTestAppOn(url, env);
  started.push(b);
  return [a, b];
}

function expectRateLimited(answer: Answer, windowSeconds: number, elapsedMs: number) {
  expect(answer.status).toBe(429);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  const retryAfter = answer.body.errors![0]!.extensions!.retryAfter!;
  // The window started with the first counted request: what is left of it, in whole seconds.
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(retryAfter).toBeGreaterThanOrEqual(Math.max(1, windowSeconds - Math.ceil(elapsedMs / 1000)));
  expect(answer.retryAfter).toBe(String(retryAfter));
  expect(answer.body.errors![0]!.message).toMatch(/try again in \d+ seconds?/i);
}

function storeCases(_name: string, store: Record<string, string>) {
  it('counts a user over both instances, refuses the one request too many without running a statement, and lets another user through', async () => {
    const [a, b] = await twoInstances(store, { RATE_LIMIT_PER_USER: '6', RATE_LIMIT_PER_ADDRESS: '1000' });
    const f = factories(a);
    const org = await f.newOrganisation();
    const user = await f.newUser(org, 'MEDIATOR'); // signing in is anonymous: the address is counted, not the user
    const started = Date.now();
    for (let i = 0; i < 6; i += 1) {
      const answer = await post(i % 2 ? b : a, ME, {}, user.token);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.me.id).toBe(user.id);
    }
    a.statements.length = 0;
    b.statements.length = 0;
    const cases = Number((await a.db.query(`SELECT count(*) FROM cases`))[0].count);
    a.statements.length = 0;
    for (const app of [a, b]) {
      expectRateLimited(await post(app, ME, {}, user.token), 60, Date.now() - started);
      expectRateLimited(await post(app, CREATE_CASE, { input: caseInput }, user.token), 60, Date.now() - started);
    }
    // The viewer came from the cache of sessions in use; nothing else ran, nothing was written.
    expect(a.statements).toEqual([]);
    expect(b.statements).toEqual([]);
    expect(Number((await a.db.query(`SELECT count(*) FROM cases`))[0].count)).toBe(cases);

    const other = await f.newUser(org, 'MEDIATOR');
    expect((await post(b, ME, {}, other.token)).body.data.me.id).toBe(other.id);
  });

  it('counts an address over both instances before anything else, with a token or without', async () => {
    const [a, b] = await twoInstances(store, { RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_ADDRESS: '5' });
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) expect((await post(i % 2 ? a : b, `{ __typename }`)).body.data.__typename).toBe('Query');
    a.statements.length = 0;
    b.statements.length = 0;
    expectRateLimited(await post(a, `{ __typename }`), 60, Date.now() - started);
    // A token nobody knows would cost a session lookup: refused before it.
    expectRateLimited(await post(b, ME, {}, 'not-a-session-token'), 60, Date.now() - started);
    expectRateLimited(await post(b, CREATE_CASE, { input: caseInput }, 'not-a-session-token'), 60, Date.now() - started);
    expect(a.statements).toEqual([]);
    expect(b.statements).toEqual([]);
    // Other routes are not GraphQL requests: not counted, not refused.
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
  });

  it('answers again once the retryAfter it named has passed', async () => {
    const [a, b] = await twoInstances(store, { RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_ADDRESS: '2', RATE_LIMIT_WINDOW_SECONDS: '2' });
    const started = Date.now();
    expect((await post(a, `{ __typename }`)).status).toBe(200);
    expect((await post(b, `{ __typename }`)).status).toBe(200);
    const refused = await post(a, `{ __typename }`);
    expectRateLimited(refused, 2, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, refused.body.errors![0]!.extensions!.retryAfter! * 1000));
    const again = await post(b, `{ __typename }`);
    expect(again.status).toBe(200);
    expect(again.body.data.__typename).toBe('Query');
  });

  it('counts subscribe messages over the socket as requests of the user', async () => {
    const [a, b] = await twoInstances(store, { RATE_LIMIT_PER_USER: '4', RATE_LIMIT_PER_ADDRESS: '1000' });
    const f = factories(a);
    const org = await f.newOrganisation();
    const user = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(user.token); // 1
    expect((await post(b, ME, {}, user.token)).status).toBe(200); // 2
    const client = socketClient(b, { token: user.token });
    const CHANGED = `subscription ($id: ID!) { caseChanged(caseId: $id) { id version } }`;
    for (let i = 0; i < 2; i += 1) expect((await subscribe(client, CHANGED, { id: c.id }).next('the case')).errors).toBeUndefined(); // 3, 4
    b.statements.length = 0;
    const refused = await subscribe(client, CHANGED, { id: c.id }).next('the refusal');
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect((refused.errors![0]!.extensions as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
    expect(b.statements).toEqual([]);
    // And over HTTP on the other instance, the same count.
    expect((await post(a, ME, {}, user.token)).status).toBe(429);
  });
}

describe.each(STORES)('request rate limits kept in %s', storeCases);
(REDIS_UP || process.env.REQUIRE_REDIS ? describe.each(REDIS_STORE) : describe.skip.each(REDIS_STORE))('request rate limits kept in %s', storeCases);

describe('request rate limits with Redis unreachable', () => {
  it('keep serving, each instance counting on its own meanwhile', async () => {
    // Nothing listens on port 1: every store call fails at once (no offline queue).
    const [a] = await twoInstances({ RATE_LIMIT_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1/0' }, { RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_ADDRESS: '3' });
    for (let i = 0; i < 3; i += 1) {
      const answer = await post(a, `{ __typename }`);
      expect(answer.status).toBe(200);
      expect(answer.body.data.__typename).toBe('Query');
    }
    expect((await post(a, `{ __typename }`)).body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  });
});
