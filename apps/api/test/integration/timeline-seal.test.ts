import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { rowHash, sealHead } from '../../src/cases/timeline.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { adminClient } from '../support/database.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let admin: pg.Client;
let mediator: { token: string };

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) { transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { version } }`;
const INTEGRITY = `query ($id: ID!) { case(id: $id) { timelineIntegrity { intact brokenAtSeq rows reason } } }`;

beforeAll(async () => {
  t = await startTestApp('timelineseal');
  f = factories(t);
  admin = await adminClient(t.databaseUrl);
  mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
});
afterAll(async () => {
  await admin.end();
  await t.close();
});

async function integrity(caseId: string) {
  const result = await t.gql(INTEGRITY, { id: caseId }, mediator.token);
  return result.data!.case.timelineIntegrity;
}

/** A case with three rows: opened (version 1), two transitions (version 3). */
async function caseWithHistory() {
  const c = await f.newCase(mediator.token);
  await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
  const [afterTwo] = await t.db.query(`SELECT timeline_head_seq AS seq, timeline_seal AS seal FROM cases WHERE id = $1`, [c.id]);
  await t.gql(TRANSITION, { caseId: c.id, v: 2, event: { startSession: true } }, mediator.token);
  return { id: c.id, olderHead: afterTwo as { seq: number; seal: string } };
}

/** What a superuser can do that the app's role cannot: skip the append-only trigger. */
async function asReplica(sql: string, params: unknown[]) {
  await admin.query(`SET session_replication_role = replica`);
  try {
    await admin.query(sql, params);
  } finally {
    await admin.query(`SET session_replication_role = DEFAULT`);
  }
}

async function rows(caseId: string) {
  const { rows: list } = await admin.query(
    `SELECT case_id AS "caseId", seq, actor_user_id AS "actorUserId", type, from_state AS "fromState", to_state AS "toState",
            payload, prev_hash AS "prevHash", hash, created_at AS "createdAt"
       FROM case_events WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
  return list;
}

describe('the sealed timeline head', () => {
  it('is written with every append: transitions and record edits', async () => {
    const { id } = await caseWithHistory();
    const [head] = await t.db.query(`SELECT timeline_head_seq AS seq, timeline_seal AS seal FROM cases WHERE id = $1`, [id]);
    expect(head.seq).toBe(3);
    expect(head.seal).toMatch(/^[0-9a-f]{64}$/);
    expect(await integrity(id)).toEqual({ intact: true, brokenAtSeq: null, rows: 3, reason: null });
  });

  it('finds the newest row deleted by a superuser', async () => {
    const { id } = await caseWithHistory();
    await asReplica(`DELETE FROM case_events WHERE case_id = $1 AND seq = 3`, [id]);
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: 3, rows: 2, reason: 'ROWS_MISSING' });
  });

  it('finds the newest rows deleted even when the seal is rewound to the older head it had', async () => {
    const { id, olderHead } = await caseWithHistory();
    await asReplica(`DELETE FROM case_events WHERE case_id = $1 AND seq = 3`, [id]);
    await admin.query(`UPDATE cases SET timeline_head_seq = $2, timeline_seal = $3 WHERE id = $1`, [id, olderHead.seq, olderHead.seal]);
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: null, rows: 2, reason: 'VERSION_MISMATCH' });
  });

  it('finds a history rewritten and its whole chain recomputed without the key', async () => {
    const { id } = await caseWithHistory();
    const list = await rows(id);
    let prevHash: string | null = null;
    const guessedKey = randomBytes(32);
    for (const row of list) {
      const payload = row.seq === 2 ? { note: 'rewritten' } : row.payload;
      const hash = rowHash({ ...row, payload, prevHash });
      await asReplica(`UPDATE case_events SET payload = $3, prev_hash = $4, hash = $5 WHERE case_id = $1 AND seq = $2`, [id, row.seq, payload, prevHash, hash]);
      prevHash = hash;
    }
    // Every hash and link holds again; the seal still names the old head.
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: null, rows: 3, reason: 'SEAL_MISMATCH' });
    // And a seal made with any other key does not pass for the key's.
    await admin.query(`UPDATE cases SET timeline_seal = $2 WHERE id = $1`, [id, sealHead(id, 3, prevHash!, guessedKey)]);
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: null, rows: 3, reason: 'SEAL_MISMATCH' });
  });

  it("finds a row the app's own role appended without the seal", async () => {
    const { id } = await caseWithHistory();
    const [last] = (await rows(id)).slice(-1);
    const forged = { ...last, seq: 4, type: 'ISSUE_EDITED', payload: {}, prevHash: last.hash, createdAt: new Date() };
    await t.db.query(
      `INSERT INTO case_events (case_id, seq, actor_user_id, type, from_state, to_state, payload, prev_hash, hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, 4, forged.actorUserId, forged.type, forged.fromState, forged.toState, forged.payload, forged.prevHash, rowHash(forged), forged.createdAt],
    );
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: 4, rows: 4, reason: 'SEAL_MISMATCH' });
  });

  it('reports a case whose seal was removed as unsealed', async () => {
    const { id } = await caseWithHistory();
    await t.db.query(`UPDATE cases SET timeline_head_seq = NULL, timeline_seal = NULL WHERE id = $1`, [id]);
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: null, rows: 3, reason: 'UNSEALED' });
  });

  it('finds a version moved without a timeline row', async () => {
    const { id } = await caseWithHistory();
    await t.db.query(`UPDATE cases SET version = version + 1 WHERE id = $1`, [id]);
    expect(await integrity(id)).toEqual({ intact: false, brokenAtSeq: null, rows: 3, reason: 'VERSION_MISMATCH' });
  });
});
