import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import type pg from 'pg';
import { rowHash } from '../../src/cases/timeline.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { adminClient, TEST_AUDIT_KEY } from '../support/database.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let admin: pg.Client;
let mediator: { token: string };

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) { transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { version } }`;

beforeAll(async () => {
  t = await startTestApp('verifytimeline');
  f = factories(t);
  admin = await adminClient(t.databaseUrl);
  mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
});
afterAll(async () => {
  await admin.end();
  await t.close();
});

function verify(env: Record<string, string | undefined> = {}, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/verify-timeline.js', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.databaseUrl, AUDIT_KEY: TEST_AUDIT_KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function caseWithHistory(): Promise<{ id: string; olderHead: { seq: number; seal: string } }> {
  const c = await f.newCase(mediator.token);
  await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
  const [olderHead] = await t.db.query(`SELECT timeline_head_seq AS seq, timeline_seal AS seal FROM cases WHERE id = $1`, [c.id]);
  await t.gql(TRANSITION, { caseId: c.id, v: 2, event: { startSession: true } }, mediator.token);
  return { id: c.id, olderHead };
}

async function asReplica(sql: string, params: unknown[]) {
  await admin.query(`SET session_replication_role = replica`);
  try {
    await admin.query(sql, params);
  } finally {
    await admin.query(`SET session_replication_role = DEFAULT`);
  }
}

describe('verify-timeline', () => {
  it('exits 0 on a clean database, then reports each tampered case and exits 1', async () => {
    const cases = [];
    for (let i = 0; i < 4; i += 1) cases.push(await caseWithHistory());
    const clean = await verify();
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toMatch(/✔ 4 case\(s\), 12 timeline row\(s\): every timeline is intact\./);
    expect(clean.code).toBe(0);

    const [cut, rewritten, rewound] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
    // The newest row deleted by a superuser.
    await asReplica(`DELETE FROM case_events WHERE case_id = $1 AND seq = 3`, [cut.id]);
    // A payload altered and its hash recomputed.
    const { rows } = await admin.query(
      `SELECT case_id AS "caseId", seq, actor_user_id AS "actorUserId", type, from_state AS "fromState", to_state AS "toState",
              payload, prev_hash AS "prevHash", created_at AS "createdAt" FROM case_events WHERE case_id = $1 AND seq = 3`,
      [rewritten.id],
    );
    const payload = { forged: true };
    await asReplica(`UPDATE case_events SET payload = $2, hash = $3 WHERE case_id = $1 AND seq = 3`, [rewritten.id, payload, rowHash({ ...rows[0], payload })]);
    // The seal rewound to the case's older head.
    await admin.query(`UPDATE cases SET timeline_head_seq = $2, timeline_seal = $3 WHERE id = $1`, [rewound.id, rewound.olderHead.seq, rewound.olderHead.seal]);

    const broken = await verify();
    expect(broken.code).toBe(1);
    const lines = broken.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        `✖ case ${cut.id}: rows are missing (at row 3) [ROWS_MISSING]`,
        `✖ case ${rewritten.id}: the last row is not the sealed head, or the seal was not made with this AUDIT_KEY [SEAL_MISMATCH]`,
        `✖ case ${rewound.id}: the last row is not the sealed head, or the seal was not made with this AUDIT_KEY (at row 3) [SEAL_MISMATCH]`,
        '✖ 3 of 4 case(s) have a broken timeline (11 row(s) checked).',
      ]),
    );
  });

  it('exits 2, checking nothing, without AUDIT_KEY, with a bad one, or with an unknown option', async () => {
    const missing = await verify({ AUDIT_KEY: undefined });
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/AUDIT_KEY is required with DATABASE_URL/);
    const short = await verify({ AUDIT_KEY: 'abcd' });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/AUDIT_KEY must be at least 32 bytes/);
    expect(short.stderr).not.toContain('abcd');
    const unknown = await verify({}, ['--repair']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/usage: verify-timeline/);
  });

  it('with --seal-unsealed seals a case written before seals, once, when its chain is intact', async () => {
    const { id } = await caseWithHistory();
    await t.db.query(`UPDATE cases SET timeline_head_seq = NULL, timeline_seal = NULL WHERE id = $1`, [id]);
    const before = await verify();
    expect(before.stdout).toContain(`✖ case ${id}: the timeline head has no seal [UNSEALED]`);
    const sealing = await verify({}, ['--seal-unsealed']);
    expect(sealing.stdout).toMatch(/^Sealed the heads of 1 case\(s\) that had none\./);
    expect(sealing.stdout).not.toContain(id);
  });
});
