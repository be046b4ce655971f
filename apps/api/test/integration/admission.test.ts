import { afterEach, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { factories, startTestApp, type TestApp } from '../support/app.js';

/**
 * Admission control (common/admission.ts): past capacity a GraphQL request is refused at once
 * with UNAVAILABLE (HTTP 503 + Retry-After) instead of queueing into a timeout; a statement
 * that finds no connection within DATABASE_POOL_WAIT_MS is UNAVAILABLE too, never an internal
 * error; /healthz and /readyz answer meanwhile; and once the load is gone the next request is
 * served. The pool is held by taking its connections in the test, so nothing depends on speed.
 */
const PAGE = `{ cases(first: 20) { edges { node { id caption sides { id label } issues { id } } } } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string; retryAfter?: number } }[] };
}

async function post(app: TestApp, query: string, token?: string): Promise<Answer> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

function expectUnavailable(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
  expect(answer.retryAfter).toBe(String(answer.body.errors![0]!.extensions!.retryAfter));
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
}

/** Takes every connection of the app's pool, as a flood of slow requests would. */
async function holdPool(t: TestApp, size: number): Promise<QueryRunner[]> {
  const held = Array.from({ length: size }, () => t.db.createQueryRunner());
  await Promise.all(held.map((runner) => runner.connect()));
  return held;
}

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** Resolves with what settled by the time the event loop has had `ms` to run the server. */
async function settledWithin<T>(promises: Promise<T>[], ms: number): Promise<{ done: T[]; pending: number }> {
  const done: T[] = [];
  promises.forEach((p) => p.then((value) => done.push(value), () => undefined));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { done: [...done], pending: promises.length - done.length };
}

describe('admission control', () => {
  it('refuses past its queue at once while the admitted wait, then serves every admitted one and the next request', async () => {
    // The pool's wait is far longer than the test: an admitted request can only end once the
    // test gives the connections back, so whatever answers while they are held was refused
    // without waiting for a connection.
    t = await startTestApp('admission', { DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '60000', GRAPHQL_MAX_IN_FLIGHT: '2', GRAPHQL_MAX_QUEUED: '2' });
    const f = factories(t);
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    const held = await holdPool(t, 2);

    const requests = Array.from({ length: 10 }, () => post(t!, PAGE, mediator.token));
    // 2 executing, 2 queued, 6 refused: wait until those 6 answered (they do at once).
    let refused: Answer[] = [];
    for (let tries = 0; tries < 200 && refused.length < 6; tries += 1) refused = (await settledWithin(requests, 50)).done;
    expect(refused).toHaveLength(6);
    refused.forEach(expectUnavailable);

    // Health answers meanwhile, the database's readiness too (over the service pool).
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
    // Still nothing else answered: the admitted requests wait for the held connections.
    expect((await settledWithin(requests, 0)).done).toHaveLength(6);

    await Promise.all(held.map((runner) => runner.release()));
    const all = await Promise.all(requests);
    const served = all.filter((answer) => answer.status === 200);
    expect(served).toHaveLength(4);
    for (const answer of served) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.cases.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([c.id]);
    }
    const next = await post(t, PAGE, mediator.token);
    expect(next.status).toBe(200);
    expect(next.body.data.cases.edges).toHaveLength(1);
  });

  it('answers UNAVAILABLE with 503, not an internal error, when no connection came within DATABASE_POOL_WAIT_MS', async () => {
    t = await startTestApp('admission-wait', { DATABASE_POOL_SIZE: '1', DATABASE_POOL_WAIT_MS: '200' });
    const f = factories(t);
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    await f.newCase(mediator.token);
    const held = await holdPool(t, 1);
    try {
      // The session is cached: the page's own statement waits for the pool.
      expectUnavailable(await post(t, PAGE, mediator.token));
      // A session not cached yet: its lookup waits for the pool.
      const signIn = await post(t, `{ me { id } }`, 'a-token-nobody-has-cached');
      expectUnavailable(signIn);
    } finally {
      await Promise.all(held.map((runner) => runner.release()));
    }
    const next = await post(t, PAGE, mediator.token);
    expect(next.status).toBe(200);
    expect(next.body.data.cases.edges).toHaveLength(1);
  });
});
