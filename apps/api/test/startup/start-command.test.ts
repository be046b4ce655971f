import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort } from '../../src/database/embedded.js';
import { killLaunched, launch } from '../support/process.js';
import { createTestDatabase, serverEnv } from '../support/database.js';

afterEach(killLaunched);

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

describe('the start command with the embedded PostgreSQL', () => {
  it('is ready, stops cleanly on Ctrl-C, and keeps every case across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-start-'));
    const port = String(await freePort());

    const first = launch({ DATA_DIR: dataDir, PORT: port });
    const url = await first.ready;
    expect(url).toBe(`http://localhost:${port}`);
    expect(first.output()).toContain('mediator@demo.test');
    // Without SMTP_URL nothing is sent, and the banner says where the mails are instead.
    expect(first.output()).toContain('every mail is kept in the Outbox');
    expect(first.output()).toContain('admin@demo.test');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // Its audit key, made once and readable by its owner only; the app's role is not the owner.
    const keyFile = join(dataDir, 'audit-key');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.output()).not.toMatch(/warning/i);

    const signIn = await gql(url, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`);
    const token = signIn.data.signIn.token as string;
    const created = await gql(
      url,
      `mutation { createCase(input: { caption: "Kept across restarts", disputeType: EMPLOYMENT, sides: [{ label: "Worker", role: CLAIMANT }, { label: "Employer", role: RESPONDENT }] }) { id } }`,
      {},
      token,
    );
    const caseId = created.data.createCase.id as string;
    const before = (await gql(url, `{ cases { edges { node { id } } } }`, {}, token)).data.cases.edges.length as number;

    first.child.kill('SIGINT');
    const stop = await first.exited;
    expect(stop.code).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    // PostgreSQL stops after the app, not under it (no connection of the app's is cut off).
    expect(first.output()).not.toMatch(/terminating connection|Job queue error/);

    const second = launch({ DATA_DIR: dataDir, PORT: port });
    try {
      const again = await second.ready;
      expect(second.output()).not.toContain('loaded the demo cases');
      const token2 = (await gql(again, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`)).data.signIn.token;
      const kept = await gql(again, `query ($id: ID!) { case(id: $id) { caption state { resolution } timelineIntegrity { intact } } }`, { id: caseId }, token2);
      expect(kept.data.case).toEqual({ caption: 'Kept across restarts', state: { resolution: 'intake' }, timelineIntegrity: { intact: true } });
      expect((await gql(again, `{ cases { edges { node { id } } } }`, {}, token2)).data.cases.edges).toHaveLength(before);
    } finally {
      second.child.kill('SIGINT');
      expect((await second.exited).code).toBe(0);
    }
  }, 90_000);

  it('stops cleanly when Ctrl-C in a terminal reaches the embedded PostgreSQL too', async () => {
    const started = launch({ DATA_DIR: mkdtempSync(join(tmpdir(), 'impasse-group-')), PORT: String(await freePort()) }, { processGroup: true });
    await started.ready;
    process.kill(-started.child.pid!, 'SIGINT');
    const stop = await started.exited;
    expect(stop.code).toBe(0);
    expect(started.output()).toContain('stopped cleanly');
    expect(started.output()).not.toMatch(/Job queue error|could not stop/);
  }, 60_000);

  it('shows the banner without Nest’s start-up lines above it at the default log level', async () => {
    const started = launch({ DATA_DIR: mkdtempSync(join(tmpdir(), 'impasse-quiet-')), PORT: String(await freePort()), LOG_LEVEL: 'info' });
    await started.ready;
    const beforeBanner = started.output().split('Impasse is running')[0]!;
    expect(beforeBanner).not.toMatch(/InstanceLoader|RouterExplorer|RoutesResolver|NestApplication|"level"/);
    expect(beforeBanner).toContain('starting the embedded PostgreSQL');
    started.child.kill('SIGINT');
    expect((await started.exited).code).toBe(0);
  }, 60_000);

  it('stops cleanly when the embedded PostgreSQL ended before the app stops it', async () => {
    const started = launch({ DATA_DIR: mkdtempSync(join(tmpdir(), 'impasse-gone-')), PORT: String(await freePort()) });
    await started.ready;
    // The order a terminal's Ctrl-C can take: PostgreSQL (a child of the server) is gone first.
    const children = readFileSync(`/proc/${started.child.pid}/task/${started.child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    const postgres = children.find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')!;
    process.kill(postgres, 'SIGINT');
    const gone = Date.now() + 10_000;
    while (existsSync(`/proc/${postgres}`) && !readFileSync(`/proc/${postgres}/stat`, 'utf8').includes(') Z')) {
      if (Date.now() > gone) throw new Error('PostgreSQL did not stop');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    started.child.kill('SIGINT');
    const stop = await started.exited;
    expect(stop.code).toBe(0);
    expect(started.output()).toContain('stopped cleanly');
  }, 60_000);
});

/** An address of this machine that is not loopback (none on a machine without a network). */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

/** Whether anything answers HTTP on that address and port. */
async function answersAt(address: string, port: string): Promise<boolean> {
  try {
    await fetch(`http://${address}:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

const signInAs = (url: string, password: string) =>
  gql(url, `mutation ($p: String!) { signIn(input: { email: "mediator@demo.test", password: $p }) { token } }`, { p: password });

/** The mediator's password as the banner prints it. */
const printedPassword = (output: string) => /mediator@demo\.test\s+(\S+)/.exec(output)?.[1];

describe('the two modes', () => {
  it('the trial listens on 127.0.0.1 only unless HOST says, and says so', async () => {
    const port = String(await freePort());
    const started = launch({ DATA_DIR: mkdtempSync(join(tmpdir(), 'impasse-trial-')), PORT: port });
    const url = await started.ready;
    expect(started.output()).toMatch(/Mode: trial/);
    expect(started.output()).toMatch(/127\.0\.0\.1 only/);
    expect(printedPassword(started.output())).toBe('mediate-demo');
    expect(await answersAt('127.0.0.1', port)).toBe(true);
    if (outsideAddress) expect(await answersAt(outsideAddress, port)).toBe(false);
    expect((await signInAs(url, 'mediate-demo')).data?.signIn.token).toEqual(expect.any(String));
    started.child.kill('SIGINT');
    expect((await started.exited).code).toBe(0);
  }, 60_000);

  it('with HOST set never signs in with the demo password: the banner prints a fresh one, and back on 127.0.0.1 the demo password is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-exposed-'));
    const port = String(await freePort());
    const exposedStart = async () => {
      const started = launch({ DATA_DIR: dataDir, PORT: port, HOST: '0.0.0.0' });
      const url = await started.ready;
      const password = printedPassword(started.output());
      expect(password).toBeDefined();
      expect(password).not.toBe('mediate-demo');
      expect(started.output()).not.toContain('mediate-demo');
      if (outsideAddress) expect(await answersAt(outsideAddress, port)).toBe(true);
      expect((await signInAs(url, 'mediate-demo')).errors?.[0]?.message).toMatch(/e-mail and password do not match/);
      expect((await signInAs(url, password!)).data?.signIn.token).toEqual(expect.any(String));
      started.child.kill('SIGINT');
      expect((await started.exited).code).toBe(0);
      return password!;
    };
    // A new data folder: the demo accounts are made with a fresh password.
    const first = await exposedStart();
    // On 127.0.0.1 again: the printed demo password works again.
    const local = launch({ DATA_DIR: dataDir, PORT: port });
    const url = await local.ready;
    expect(printedPassword(local.output())).toBe('mediate-demo');
    expect((await signInAs(url, 'mediate-demo')).data?.signIn.token).toEqual(expect.any(String));
    expect((await signInAs(url, first)).errors).toBeDefined();
    local.child.kill('SIGINT');
    expect((await local.exited).code).toBe(0);
    // Existing demo accounts with the demo password: replaced, by another fresh password.
    expect(await exposedStart()).not.toBe(first);
  }, 120_000);

  it('a deployment loads no demo data, listens on every interface, and warns when its cookies are not Secure', async () => {
    const port = String(await freePort());
    const started = launch({ ...serverEnv(await createTestDatabase('startdeploy')), PORT: port, COOKIE_SECURE: 'false' });
    const url = await started.ready;
    expect(started.output()).toMatch(/Mode: deployment/);
    expect(started.output()).not.toContain('demo.test');
    expect(started.output()).not.toContain('loaded the demo cases');
    expect(started.output()).toMatch(/create-admin/);
    expect(started.output()).toMatch(/warning: COOKIE_SECURE=false/);
    expect((await signInAs(url, 'mediate-demo')).errors).toBeDefined();
    if (outsideAddress) expect(await answersAt(outsideAddress, port)).toBe(true);
    started.child.kill('SIGINT');
    expect((await started.exited).code).toBe(0);
  }, 60_000);
});

describe('bad configuration', () => {
  it.each([
    ['an unreachable DATABASE_URL', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing', AUDIT_KEY: 'ab'.repeat(32) }, /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/nothing.*Check DATABASE_URL/],
    ['a DATABASE_URL without AUDIT_KEY', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' }, /Configuration: AUDIT_KEY is required with DATABASE_URL/],
    ['an AUDIT_KEY too short', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing', AUDIT_KEY: 'c0ffee' }, /Configuration: AUDIT_KEY must be at least 32 bytes, written as hex or base64 [^"]*$/],
    ['a DATABASE_URL that is not PostgreSQL', { DATABASE_URL: 'mysql://root@localhost/db' }, /DATABASE_URL must be a PostgreSQL URL/],
    ['a PORT that is not a number', { PORT: 'eighty' }, /PORT must be a port number \(got "eighty"\)/],
    ['a PORT out of range', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['an unknown LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['a deployment on the embedded database', { MODE: 'deployment' }, /Configuration: MODE=deployment needs DATABASE_URL/],
    ['an unknown MODE', { MODE: 'production' }, /Configuration: MODE must be trial or deployment \(got "production"\)/],
    ['a TRUST_PROXY that trusts every peer', { TRUST_PROXY: 'true' }, /Configuration: TRUST_PROXY must name the proxy/],
  ])('stops within 10 seconds with one line for %s', async (_what, env, message) => {
    const started = launch({ DATA_DIR: mkdtempSync(join(tmpdir(), 'impasse-bad-')), ...env });
    const timer = setTimeout(() => started.child.kill('SIGKILL'), 10_000);
    const { code, signal } = await started.exited;
    clearTimeout(timer);
    expect(signal).toBeNull(); // not killed by the 10 s timer
    expect(code).toBe(1);
    const lines = started.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(started.output()).not.toMatch(/\n\s+at /); // no stack trace
  }, 20_000);
});
