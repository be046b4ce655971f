import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type CaseStateView } from '@impasse/case-machine';
import { VERSION_MOVING_EDITS } from './timeline-entries.js';

export interface NewTimelineRow {
  caseId: string;
  actorUserId: string | null;
  type: string;
  fromState: CaseStateView | null;
  toState: CaseStateView;
  payload: Record<string, unknown>;
  /** When it happened; now unless given (only demo history is written after the fact). */
  createdAt?: Date;
}

/** JSON with object keys sorted, so that a row hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

interface HashedFields {
  prevHash: string | null;
  caseId: string;
  seq: number;
  actorUserId: string | null;
  type: string;
  fromState: unknown;
  toState: unknown;
  payload: unknown;
  createdAt: Date;
}

export function rowHash(row: HashedFields): string {
  return createHash('sha256')
    .update(
      canonicalJson([row.prevHash, row.caseId, row.seq, row.actorUserId, row.type, row.fromState, row.toState, row.payload, row.createdAt.toISOString()]),
    )
    .digest('hex');
}

/** The row before the one being appended; null for a case's first row. */
export interface TimelineTip {
  seq: number;
  hash: string;
}

/** The columns `timelineValues` fills, in its order. */
export const TIMELINE_COLUMNS = 'case_id, seq, actor_user_id, type, from_state, to_state, payload, prev_hash, hash, created_at';

let auditKey: Buffer | null = null;

/** The key every seal is made with (AUDIT_KEY, or the embedded database's key file); set at start-up. */
export function useAuditKey(key: Buffer): void {
  auditKey = key;
}

function currentAuditKey(): Buffer {
  if (!auditKey) throw new Error('The audit key is not set: the app seals each timeline head with AUDIT_KEY.');
  return auditKey;
}

/**
 * The seal of a case's timeline head: HMAC-SHA256 under the audit key, which the database does
 * not hold, over the case, the head's seq and its hash. A writer who rewrites rows and
 * recomputes the chain (plain SHA-256) cannot make a seal for the new head.
 */
export function sealHead(caseId: string, seq: number, hash: string, key: Buffer = currentAuditKey()): string {
  return createHmac('sha256', key).update(canonicalJson(['impasse timeline head', caseId, seq, hash])).digest('hex');
}

/**
 * The values of the row that follows `tip`: its number, its link to `tip` and its own hash
 * (the TIMELINE_COLUMNS, in order), then the seal of the case's new head, which the writer
 * stores in `cases.timeline_seal` (and the seq in `timeline_head_seq`) in the same statement.
 */
export function timelineValues(row: NewTimelineRow, tip: TimelineTip | null): unknown[] {
  const seq = tip ? Number(tip.seq) + 1 : 1;
  const prevHash = tip ? tip.hash : null;
  const createdAt = row.createdAt ?? new Date();
  const hash = rowHash({ ...row, prevHash, seq, createdAt });
  return [row.caseId, seq, row.actorUserId, row.type, row.fromState, row.toState, row.payload, prevHash, hash, createdAt, sealHead(row.caseId, seq, hash)];
}

/** How many of `timelineValues` are TIMELINE_COLUMNS; the one after them is the seal. */
export const TIMELINE_COLUMN_COUNT = 10;

/** The last row of a case's timeline (the tip the next row links to). */
export const TIMELINE_TIP_SQL = `SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`;

/**
 * Appends to the case's timeline. Each row's hash covers the previous row's hash, so a
 * verifier can prove the timeline untouched. Called while the case row is locked by a
 * FOR UPDATE or inside the creating transaction, so seq and prev_hash are safe; the
 * UNIQUE (case_id, seq) constraint refuses a second row at the same place whatever happens.
 * (A transition appends in its compare-and-set statement instead: CasesService.transition.)
 */
export async function appendEvent(tx: EntityManager, row: NewTimelineRow): Promise<void> {
  const [tip] = await tx.query(TIMELINE_TIP_SQL, [row.caseId]);
  await tx.query(APPEND_SQL, timelineValues(row, tip ?? null));
}

/** The row, and the case's head sealed at it, in one statement. */
const APPEND_SQL = `
  WITH appended AS (
    INSERT INTO case_events (${TIMELINE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING case_id, seq
  )
  UPDATE cases SET timeline_head_seq = appended.seq, timeline_seal = $11 FROM appended WHERE cases.id = appended.case_id`;

/**
 * Why a timeline is not intact:
 * - `ROW_ALTERED`: a row's content no longer matches its hash;
 * - `LINK_BROKEN`: a row does not carry the hash of the row before it;
 * - `ROWS_MISSING`: a number is missing, or rows after the sealed head are gone;
 * - `UNSEALED`: the case has no seal (written before seals, or the seal was removed);
 * - `SEAL_MISMATCH`: the last row is not the sealed head, or the seal is not the key's;
 * - `VERSION_MISMATCH`: the rows that moved the case (statechart events) do not account for its version.
 */
export type TimelineBreak = 'ROW_ALTERED' | 'LINK_BROKEN' | 'ROWS_MISSING' | 'UNSEALED' | 'SEAL_MISMATCH' | 'VERSION_MISMATCH';

export interface ChainVerdict {
  intact: boolean;
  /** The first row whose content or link does not match, or the first missing row; null when the break is not at a row. */
  brokenAtSeq: number | null;
  rows: number;
  reason: TimelineBreak | null;
}

/** What the verifier reads of a case: its version and its sealed head. */
export interface CaseHead {
  id: string;
  version: number;
  headSeq: number | null;
  seal: string | null;
}

export interface StoredTimelineRow extends HashedFields {
  hash: string;
}

/** The columns the verifier reads, named as StoredTimelineRow. */
export const STORED_ROW_COLUMNS = `case_id AS "caseId", seq, actor_user_id AS "actorUserId", type, from_state AS "fromState", to_state AS "toState",
            payload, prev_hash AS "prevHash", hash, created_at AS "createdAt"`;

export const CASE_HEAD_COLUMNS = `id, version, timeline_head_seq AS "headSeq", timeline_seal AS seal`;

/**
 * Types of rows that moved the case's version: its statechart events (a transition is +1; the
 * case opens at 1), and the edits that change who is on the case (`VERSION_MOVING_EDITS`).
 */
const MOVES_VERSION: ReadonlySet<string> = new Set([...EVENT_TYPES, ...VERSION_MOVING_EDITS]);
const FIRST_VERSION = 1;

/**
 * Judges one case's timeline, rows in seq order: each hash and link (as before seals), the
 * numbering from 1 without gaps, the last row being the sealed head with a seal the key made,
 * and the rows agreeing with the version (a cut tail is found even with the seal rewound to an
 * older head). Rows a superuser deleted, rewrote or recomputed are all found.
 */
export function judgeTimeline(head: CaseHead, rows: Iterable<StoredTimelineRow>, key: Buffer = currentAuditKey()): ChainVerdict {
  let count = 0;
  let moves = 0;
  let last: StoredTimelineRow | null = null;
  const broken = (reason: TimelineBreak, brokenAtSeq: number | null): ChainVerdict => ({ intact: false, brokenAtSeq, rows: count, reason });
  let verdict: ChainVerdict | null = null;
  for (const row of rows) {
    count += 1;
    if (verdict) continue; // keep counting
    if (Number(row.seq) !== count) verdict = broken('ROWS_MISSING', count);
    else if (row.prevHash !== (last ? last.hash : null)) verdict = broken('LINK_BROKEN', row.seq);
    else if (rowHash(row) !== row.hash) verdict = broken('ROW_ALTERED', row.seq);
    if (MOVES_VERSION.has(row.type)) moves += 1;
    last = row;
  }
  if (verdict) return { ...verdict, rows: count };
  if (!last) return broken('ROWS_MISSING', 1);
  if (head.seal === null || head.headSeq === null) return broken('UNSEALED', null);
  if (head.headSeq > last.seq) return broken('ROWS_MISSING', last.seq + 1);
  if (head.headSeq < last.seq) return broken('SEAL_MISMATCH', head.headSeq + 1);
  if (!sameSeal(head.seal, sealHead(head.id, last.seq, last.hash, key))) return broken('SEAL_MISMATCH', null);
  if (moves + FIRST_VERSION !== head.version) return broken('VERSION_MISMATCH', null);
  return { intact: true, brokenAtSeq: null, rows: count, reason: null };
}

function sameSeal(stored: string, expected: string): boolean {
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Verifies one case's timeline (`judgeTimeline`). */
export async function verifyChain(manager: EntityManager, caseId: string, key: Buffer = currentAuditKey()): Promise<ChainVerdict> {
  const [verdict] = await verifyChains(manager, [caseId], key);
  return verdict!;
}

/**
 * Verifies the timelines of several cases in two statements whatever their number (heads, then
 * rows), verdicts in the order of `caseIds`; `Case.timelineIntegrity` through its DataLoader.
 */
export async function verifyChains(manager: Pick<EntityManager, 'query'>, caseIds: readonly string[], key: Buffer = currentAuditKey()): Promise<ChainVerdict[]> {
  const ids = [...caseIds];
  const heads = (await manager.query(`SELECT ${CASE_HEAD_COLUMNS} FROM cases WHERE id = ANY($1)`, [ids])) as CaseHead[];
  const rows: StoredTimelineRow[] = await manager.query(
    `SELECT ${STORED_ROW_COLUMNS} FROM case_events WHERE case_id = ANY($1) ORDER BY case_id, seq`,
    [ids],
  );
  const rowsOf = new Map<string, StoredTimelineRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) rowsOf.get(row.caseId)?.push(row);
  const headOf = new Map(heads.map((head) => [head.id, head]));
  return ids.map((id) => {
    const head = headOf.get(id);
    const own = rowsOf.get(id) ?? [];
    if (!head) return { intact: false, brokenAtSeq: null, rows: own.length, reason: 'ROWS_MISSING' };
    return judgeTimeline(head, own, key);
  });
}

/**
 * Seals the heads of cases that have none (written before seals existed), each only when its
 * chain is otherwise intact. Run once with the key (`verify-timeline --seal-unsealed`, or the
 * embedded database when it makes its key): afterwards an unsealed case is a break, because a
 * removed seal looks the same. Returns the cases sealed and those refused (chain broken).
 */
export async function sealUnsealedHeads(manager: EntityManager, key: Buffer = currentAuditKey()): Promise<{ sealed: string[]; refused: string[] }> {
  const sealed: string[] = [];
  const refused: string[] = [];
  const heads = (await manager.query(`SELECT ${CASE_HEAD_COLUMNS} FROM cases WHERE timeline_seal IS NULL ORDER BY id`)) as CaseHead[];
  for (const head of heads) {
    const rows: StoredTimelineRow[] = await manager.query(`SELECT ${STORED_ROW_COLUMNS} FROM case_events WHERE case_id = $1 ORDER BY seq`, [head.id]);
    const last = rows.at(-1);
    const verdict = judgeTimeline(head, rows, key);
    if (verdict.reason !== 'UNSEALED' || !last) {
      refused.push(head.id);
      continue;
    }
    const updated: unknown[] = await manager.query(
      `UPDATE cases SET timeline_head_seq = $2, timeline_seal = $3 WHERE id = $1 AND timeline_seal IS NULL RETURNING id`,
      [head.id, last.seq, sealHead(head.id, last.seq, last.hash, key)],
    );
    const changed = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated;
    if (changed.length > 0) sealed.push(head.id);
  }
  return { sealed, refused };
}
