import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CaseChangeListener, LISTENER_APPLICATION_NAME } from '../../src/realtime/case-change.listener.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { changesHeard, disposeClients, socketClient, subscribe, until } from '../support/subscriptions.js';

const CASE_CHANGED = `subscription ($id: ID!) { caseChanged(caseId: $id) { id version } }`;
const PIPELINE_CHANGED = `subscription { pipelineChanged { caseId resync } }`;
const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { version }
}`;

let t: TestApp;
let closed = false;

/** Backends of this test's database whose last statement was a LISTEN. */
async function listeners(db: { query: (sql: string) => Promise<any[]> }): Promise<{ pid: number; application_name: string }[]> {
  return db.query(
    `SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
  );
}

beforeAll(async () => {
  t = await startTestApp('relisten');
});
afterAll(async () => {
  await disposeClients();
  if (!closed) await t.close();
});

describe('the LISTEN connection', () => {
  it('reconnects when killed, tells subscribers to refetch, and delivers later changes', async () => {
    const f = factories(t);
    const mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    const listener = t.app.get(CaseChangeListener);
    await changesHeard(t); // the notice of creating the case comes first, not mid-test
    const ofCase = subscribe(socketClient(t, { token: mediator.token }), CASE_CHANGED, { id: c.id });
    const ofPipeline = subscribe(socketClient(t, { token: mediator.token }), PIPELINE_CHANGED);
    expect((await ofCase.next('the case as it is now')).data!.caseChanged.version).toBe(1);
    await until(() => listener.subscriberCount === 2, 'both subscriptions to be registered');

    const before = await listeners(t.db);
    expect(before).toEqual([{ pid: expect.any(Number), application_name: LISTENER_APPLICATION_NAME }]);
    const [killed] = await t.db.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    expect(killed.killed).toBe(true);

    // Back, on a new connection, and every subscriber is told to refetch.
    const resent = await ofCase.next('the case again after the listener reconnected');
    expect(resent.data!.caseChanged).toEqual({ id: c.id, version: 1 });
    expect((await ofPipeline.next('a resync after the listener reconnected')).data!.pipelineChanged).toEqual({ caseId: null, resync: true });
    expect(listener.isListening).toBe(true);
    const after = await listeners(t.db);
    expect(after).toHaveLength(1);
    expect(after[0]!.pid).not.toBe(before[0]!.pid);

    // Later changes arrive as before.
    const moved = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    expect(moved.errors).toBeUndefined();
    expect((await ofCase.next('the change after the reconnect')).data!.caseChanged.version).toBe(2);
    expect((await ofPipeline.next('the change after the reconnect')).data!.pipelineChanged).toEqual({ caseId: c.id, resync: false });
  });

  it('comes back however often it is cut off', async () => {
    const listener = t.app.get(CaseChangeListener);
    for (let i = 0; i < 3; i += 1) {
      await until(() => listener.isListening, 'the listener to be back');
      await t.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      await until(() => !listener.isListening, 'the listener to notice it was cut off');
    }
    await until(() => listener.isListening, 'the listener to be back after repeated kills', 10_000);
    expect(await listeners(t.db)).toHaveLength(1);
  });

  it('is closed when the app stops, leaving no LISTEN behind', async () => {
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      expect(await listeners({ query: async (sql) => (await admin.query(sql)).rows })).toHaveLength(1);
      closed = true;
      await t.close();
      await until(async () => (await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      )).rows[0].n === 0, 'the LISTEN connection to be gone');
    } finally {
      await admin.end();
    }
  });
});
