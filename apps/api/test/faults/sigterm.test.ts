import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort } from '../../src/database/embedded.js';
import { adminClient, createTestDatabase, serverEnv } from '../support/database.js';
import { killLaunched, launch } from '../support/process.js';
import { gql, signIn, until } from './support.js';

afterEach(killLaunched);

const CREATE = `mutation ($caption: String!) { createCase(input: { caption: $caption, disputeType: EMPLOYMENT, sides: [{ label: "Worker", role: CLAIMANT }, { label: "Employer", role: RESPONDENT }] }) { id version } }`;
const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;

/** Whether a new TCP connection to the port is refused (nothing listens any more). */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

/** A GraphQL POST on a kept-alive connection, with the answer's headers (fetch hides `Connection`). */
function post(agent: Agent, port: number, query: string, variables: Record<string, unknown>, token: string) {
  return new Promise<{ headers: Record<string, unknown>; body: any }>((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}

describe('SIGTERM under load', () => {
  it('lets every request in flight finish with success, refuses new connections, and exits 0', async () => {
    const url = await createTestDatabase('sigterm');
    const port = await freePort();
    const app = launch({ ...serverEnv(url), MODE: 'trial', DEMO_DATA: 'true', PORT: String(port) });
    const base = await app.ready;
    const token = await signIn(base);
    // Fewer than the pool's 10 connections, so that every one is at the database, none waiting for a connection.
    const cases = await Promise.all(Array.from({ length: 6 }, (_, i) => gql(base, CREATE, { caption: `In flight ${i}` }, token)));
    const ids = cases.map((answer) => answer.data.createCase.id as string);

    // Requests that are surely in flight when the signal comes: their cases' rows are locked,
    // so each transition waits at the database until the lock goes.
    const admin = await adminClient(url);
    try {
      await admin.query('BEGIN');
      await admin.query('SELECT id FROM cases WHERE id = ANY($1) FOR UPDATE', [ids]);
      const agent = new Agent({ keepAlive: true });
      const inFlight = ids.map((id) => post(agent, port, TRANSITION, { c: id, v: 1, e: { scheduleMediation: true } }, token));
      // And a load of reads around them.
      let reading = true;
      const reads: Promise<void>[] = [];
      const readLoop = async () => {
        while (reading) await gql(base, `{ me { email } }`, {}, token).catch(() => undefined);
      };
      for (let i = 0; i < 4; i += 1) reads.push(readLoop());
      await until(
        'the transitions to wait on the lock',
        async () =>
          (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND application_name = 'impasse-api'`)).rows[0].n ===
          ids.length,
      );

      app.child.kill('SIGTERM');
      await until('new connections to be refused', () => refused(port), 10_000);
      reading = false;
      await Promise.all(reads);
      expect(app.child.exitCode).toBeNull(); // still finishing what it accepted
      await admin.query('COMMIT');
      const answers = await Promise.all(inFlight);
      expect(answers.map(({ body }) => body.errors ?? body.data.transitionCase.version)).toEqual(ids.map(() => 2));
      // Each answer closes its kept-alive connection, so the server is not left waiting on
      // idle connections until the drain's 10 s cut.
      expect(answers.map(({ headers }) => headers.connection)).toEqual(ids.map(() => 'close'));
      agent.destroy();
    } finally {
      await admin.query('ROLLBACK').catch(() => undefined);
      await admin.end();
    }
    const { code } = await app.exited;
    expect(code).toBe(0);
    expect(app.output()).toContain('stopped cleanly');

    const check = await adminClient(url);
    try {
      const rows = (await check.query(`SELECT c.version, e.type FROM cases c JOIN case_events e ON e.case_id = c.id AND e.seq = 2 WHERE c.id = ANY($1)`, [ids])).rows;
      expect(rows).toEqual(ids.map(() => ({ version: 2, type: 'SCHEDULE_MEDIATION' })));
    } finally {
      await check.end();
    }
  }, 60_000);
});
