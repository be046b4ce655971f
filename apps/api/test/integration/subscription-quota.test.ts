import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SUBSCRIPTION_LIMITS } from '../../src/realtime/subscription-quota.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { disposeClients, socketClient, subscribe, type LiveSubscription } from '../support/subscriptions.js';

const CASE_CHANGED = `subscription ($id: ID!) { caseChanged(caseId: $id) { id version } }`;

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('subscription-quota');
  f = factories(t);
});
afterAll(async () => {
  await disposeClients();
  await t?.close();
});

/** Opens `n` caseChanged subscriptions on the socket and waits for each one's first result. */
async function open(client: ReturnType<typeof socketClient>, caseId: string, n: number): Promise<LiveSubscription[]> {
  const live = Array.from({ length: n }, () => subscribe(client, CASE_CHANGED, { id: caseId }));
  for (const one of live) expect((await one.next('the case as it is now')).errors).toBeUndefined();
  return live;
}

async function expectRefused(live: LiveSubscription, limit: RegExp) {
  const result = await live.next('the refusal');
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
  expect(result.errors![0]!.message).toMatch(limit);
}

describe('subscriptions per socket and per user', () => {
  it('refuses one subscription more than a socket may hold, and takes one again when one ends', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    const client = socketClient(t, { token: mediator.token });
    const live = await open(client, c.id, SUBSCRIPTION_LIMITS.perSocket);

    t.statements.length = 0;
    await expectRefused(subscribe(client, CASE_CHANGED, { id: c.id }), /this connection/i);
    expect(t.statements.filter((sql) => /FROM cases|case_events/.test(sql))).toEqual([]); // the case was not loaded

    live[0]!.close();
    await open(client, c.id, 1);
  });

  it('refuses one subscription more than a user may hold over all their sockets', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    const sockets = Math.ceil(SUBSCRIPTION_LIMITS.perUser / SUBSCRIPTION_LIMITS.perSocket);
    let left = SUBSCRIPTION_LIMITS.perUser;
    for (let i = 0; i < sockets; i += 1) {
      const n = Math.min(left, SUBSCRIPTION_LIMITS.perSocket);
      await open(socketClient(t, { token: mediator.token }), c.id, n);
      left -= n;
    }
    await expectRefused(subscribe(socketClient(t, { token: mediator.token }), CASE_CHANGED, { id: c.id }), /your account/i);
    // Another user is not held back by it.
    const other = await f.newUser(org, 'MEDIATOR');
    const theirs = await f.newCase(other.token);
    await open(socketClient(t, { token: other.token }), theirs.id, 1);
  });
});
