import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/subscriptions.js';

let t: TestApp | null = null;

beforeAll(async () => {
  t = await startTestApp('shutdown-sockets');
});
afterAll(async () => {
  await t?.close();
});

describe('an api instance that shuts down', () => {
  it('closes its live sockets as going away (1001) without completing their subscriptions, so that clients reconnect and subscribe again', async () => {
    const app = t!;
    const f = factories(app);
    const mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const c = await f.newCase(mediator.token);

    const socket = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const received: { type: string }[] = [];
    let closed: number | null = null;
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as { type: string }));
    socket.on('close', (code) => (closed = code));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${mediator.token}` } }));
    await until(() => received.some((m) => m.type === 'connection_ack'), 'the acknowledgement');
    for (const [id, query, variables] of [
      ['case', 'subscription ($id: ID!) { caseChanged(caseId: $id) { id } }', { id: c.id }],
      ['pipeline', 'subscription { pipelineChanged { caseId } }', {}],
    ] as const) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    }
    await until(() => received.some((m) => m.type === 'next'), 'the case as it is now');

    t = null;
    await app.close();
    await until(() => closed !== null, 'the socket to close');
    expect(closed).toBe(1001);
    // A `complete` would tell the client the subscription is over for good: it would never
    // subscribe again, and its page would stay on what it last had.
    expect(received.filter((m) => m.type === 'complete' || m.type === 'error')).toEqual([]);
  });
});
