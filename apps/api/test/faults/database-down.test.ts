import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/database/embedded.js';
import { freePort } from '../../src/database/embedded.js';
import { TEST_AUDIT_KEY } from '../support/database.js';
import { killLaunched, launch } from '../support/process.js';
import { gql, signIn, until } from './support.js';

/**
 * PostgreSQL killed under a running app (kill -9 of its postmaster). Never the shared server:
 * each test kills a PostgreSQL of its own, in a temporary folder.
 */
afterEach(killLaunched);

const CASES = `{ cases(first: 5) { edges { node { id version allowedEvents } } } }`;
const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;
const postmasterOf = (pgdata: string) => Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('PostgreSQL killed under an app on DATABASE_URL', () => {
  let db: EmbeddedDatabase | null = null;
  afterAll(async () => {
    await db?.stop();
  });

  it('says unhealthy and UNAVAILABLE while it is down, and serves again by itself once it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-fault-pg-'));
    db = await startEmbeddedDatabase({ dataDir, restartWhenEnded: false });
    const app = launch({ DATABASE_URL: db.appUrl, MIGRATION_DATABASE_URL: db.ownerUrl, AUDIT_KEY: TEST_AUDIT_KEY, MODE: 'trial', DEMO_DATA: 'true', PORT: String(await freePort()) });
    const url = await app.ready;
    const token = await signIn(url);
    const intake = (await gql(url, CASES, {}, token)).data.cases.edges.map((e: any) => e.node).find((c: any) => c.allowedEvents.includes('SCHEDULE_MEDIATION'));
    expect(intake).toBeDefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    process.kill(postmasterOf(join(dataDir, 'postgres')), 'SIGKILL');
    await until('/healthz to say unhealthy', async () => (await fetch(`${url}/healthz`)).status === 503);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    // Its viewer cannot be looked up: refused before GraphQL runs, as a 503 a client may retry.
    const refused = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CASES }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code)).toEqual(['UNAVAILABLE']);
    const during = await gql(url, CASES, {}, token);
    expect(during.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
    const signInDuring = await gql(url, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`);
    expect(signInDuring.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
    const transitionDuring = await gql(url, TRANSITION, { c: intake.id, v: intake.version, e: { scheduleMediation: true } }, token);
    expect(transitionDuring.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
    expect(app.child.exitCode).toBeNull(); // it keeps running

    await db.stop(); // the handle of the killed server
    db = await startEmbeddedDatabase({ dataDir, restartWhenEnded: false });
    await until('requests to succeed again', async () => !(await gql(url, CASES, {}, token)).errors, 30_000);
    // Healthy again once its listening connection is back too (reconnects back off up to 5 s).
    await until('/healthz to say healthy again', async () => (await fetch(`${url}/healthz`)).status === 200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await gql(url, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`)).data.signIn.token).toBeTruthy();
    // The refused transition wrote nothing; sent again, it lands.
    expect((await gql(url, TRANSITION, { c: intake.id, v: intake.version, e: { scheduleMediation: true } }, token)).data.transitionCase.version).toBe(intake.version + 1);
    expect(app.output()).not.toMatch(/INTERNAL_SERVER_ERROR/);

    app.child.kill('SIGINT');
    expect((await app.exited).code).toBe(0);
  }, 90_000);
});

describe('the embedded PostgreSQL killed under the app', () => {
  it('is started again by the app, which serves again without a hand', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-fault-embedded-'));
    const app = launch({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const url = await app.ready;
    const token = await signIn(url);
    const before = (await gql(url, CASES, {}, token)).data.cases.edges.length;

    process.kill(postmasterOf(join(dataDir, 'postgres')), 'SIGKILL');
    const codes = new Set<string>();
    await until(
      'requests to succeed again',
      async () => {
        const answer = await gql(url, CASES, {}, token);
        for (const error of answer.errors ?? []) codes.add(String(error.extensions?.code));
        return !answer.errors && app.output().includes('running again');
      },
      30_000,
    );
    expect(app.output()).toMatch(/the embedded PostgreSQL ended unexpectedly \(SIGKILL\); starting it again/);
    expect([...codes].filter((code) => code !== 'UNAVAILABLE')).toEqual([]);
    expect((await gql(url, CASES, {}, token)).data.cases.edges.length).toBe(before);
    await until('/healthz to say healthy again', async () => (await fetch(`${url}/healthz`)).status === 200);

    app.child.kill('SIGINT');
    expect((await app.exited).code).toBe(0);
  }, 90_000);

  it('stops with one line and exit code 1 when PostgreSQL cannot be started again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-fault-gone-'));
    const app = launch({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    await app.ready;
    // Its data folder moved away under it (a disk unmounted), then the server killed.
    const postmaster = postmasterOf(join(dataDir, 'postgres'));
    renameSync(join(dataDir, 'postgres'), join(dataDir, 'moved'));
    process.kill(postmaster, 'SIGKILL');
    const { code } = await app.exited;
    expect(code).toBe(1);
    const errors = app.output().split('\n').filter((line) => line.startsWith('✖'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^✖ The embedded PostgreSQL ended \(SIGKILL\) and did not start again \(data folder .*\): /);
    expect(app.output()).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);
});
