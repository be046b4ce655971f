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

describe('SIGTERM under load', () => {
  it('lets every request in flight finish with success, refuses new connections, and exits 0', async () => {
    const url = await createTestDatabase('sigterm');
    const port = await freePort();
    const app = launch({ ...serverEnv(url), DEMO_DATA: 'true', PORT: String(port) });
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
      const inFlight = ids.map((id) => gql(base, TRANSITION, { c: id, v: 1, e: { scheduleMediation: true } }, token));
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
          (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n ===
          ids.length,
      );

      app.child.kill('SIGTERM');
      await until('new connections to be refused', () => refused(port), 10_000);
      reading = false;
      await Promise.all(reads);
      expect(app.child.exitCode).toBeNull(); // still finishing what it accepted
      await admin.query('COMMIT');
      const answers = await Promise.all(inFlight);
      expect(answers.map((answer) => answer.errors ?? answer.data.transitionCase.version)).toEqual(ids.map(() => 2));
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
