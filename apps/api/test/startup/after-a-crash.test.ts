import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort } from '../../src/database/embedded.js';
import { killLaunched, launch } from '../support/process.js';

afterEach(killLaunched);

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const signIn = async (url: string) =>
  (await gql(url, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`)).data.signIn.token as string;

/** Running (a zombie, ended but not yet reaped by whoever adopted it, is not). */
const alive = (pid: number) => {
  try {
    return !/^\S+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('the start command after the app died without stopping its PostgreSQL', () => {
  it('stops the PostgreSQL left running on its data folder, starts, and keeps every case', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-crash-'));
    const port = String(await freePort());
    const first = launch({ DATA_DIR: dataDir, PORT: port });
    const url = await first.ready;
    const token = await signIn(url);
    const created = await gql(
      url,
      `mutation { createCase(input: { caption: "Kept across a crash", disputeType: EMPLOYMENT, sides: [{ label: "Worker", role: CLAIMANT }, { label: "Employer", role: RESPONDENT }] }) { id } }`,
      {},
      token,
    );
    const caseId = created.data.createCase.id as string;

    // kill -9 of the app only: its PostgreSQL keeps running, orphaned.
    const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(postmaster)).toBe(true);

    const second = launch({ DATA_DIR: dataDir, PORT: port });
    const again = await second.ready;
    expect(second.output()).toContain('stopped the PostgreSQL left running');
    expect(alive(postmaster)).toBe(false);
    const kept = await gql(again, `query ($id: ID!) { case(id: $id) { caption timelineIntegrity { intact } } }`, { id: caseId }, await signIn(again));
    expect(kept.data.case).toEqual({ caption: 'Kept across a crash', timelineIntegrity: { intact: true } });
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  }, 90_000);

  it('is not stopped by a postmaster.pid whose process is gone or is not a PostgreSQL of this folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-stale-'));
    const port = String(await freePort());
    const first = launch({ DATA_DIR: dataDir, PORT: port });
    await first.ready;
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    const lines = readFileSync(pidFile, 'utf8');
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    expect(existsSync(pidFile)).toBe(false);

    // As after a power cut: the file is left, and its pid now belongs to some other process
    // (PostgreSQL itself refuses such a file while that pid is alive).
    // Owned by the user PostgreSQL runs as (as root, the `postgres` user), or PostgreSQL could
    // not signal it and would take the file for stale by itself.
    const runAs = process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : {};
    const other = spawn('sleep', ['60'], { stdio: 'ignore', ...runAs });
    try {
      writeFileSync(pidFile, [String(other.pid), ...lines.split('\n').slice(1)].join('\n'));
      const second = launch({ DATA_DIR: dataDir, PORT: port });
      const again = await second.ready;
      expect(alive(other.pid!)).toBe(true); // not ours: left alone
      expect((await gql(again, `{ me { email } }`, {}, await signIn(again))).data.me.email).toBe('mediator@demo.test');
      second.child.kill('SIGINT');
      expect((await second.exited).code).toBe(0);
    } finally {
      other.kill('SIGKILL');
    }
  }, 90_000);

  it('leaves the PostgreSQL of a running app alone and says the folder is in use', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impasse-busy-'));
    const first = launch({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const url = await first.ready;
    const second = launch({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.output()).toMatch(/is in use by another running Impasse server/);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
  }, 60_000);
});
