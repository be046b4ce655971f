import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CaseStateView } from '@impasse/case-machine';

export interface NewTimelineRow {
  caseId: string;
  actorUserId: string | null;
  type: string;
  fromState: CaseStateView | null;
  toState: CaseStateView;
  payload: Record<string, unknown>;
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

/** The values of the row that follows `tip`: its number, its link to `tip` and its own hash. */
export function timelineValues(row: NewTimelineRow, tip: TimelineTip | null): unknown[] {
  const seq = tip ? Number(tip.seq) + 1 : 1;
  const prevHash = tip ? tip.hash : null;
  const createdAt = new Date();
  const hash = rowHash({ ...row, prevHash, seq, createdAt });
  return [row.caseId, seq, row.actorUserId, row.type, row.fromState, row.toState, row.payload, prevHash, hash, createdAt];
}

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
  await tx.query(`INSERT INTO case_events (${TIMELINE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, timelineValues(row, tip ?? null));
}

export interface ChainVerdict {
  intact: boolean;
  /** The first row whose content or link does not match, when the chain is broken. */
  brokenAtSeq: number | null;
  rows: number;
}

/** Recomputes every hash of a case's timeline and checks each link and the numbering. */
export async function verifyChain(manager: EntityManager, caseId: string): Promise<ChainVerdict> {
  const rows: (Omit<HashedFields, 'createdAt'> & { hash: string; createdAt: Date })[] = await manager.query(
    `SELECT case_id AS "caseId", seq, actor_user_id AS "actorUserId", type, from_state AS "fromState", to_state AS "toState",
            payload, prev_hash AS "prevHash", hash, created_at AS "createdAt"
       FROM case_events WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
  let previous: string | null = null;
  for (const [index, row] of rows.entries()) {
    const linked = row.prevHash === previous && row.seq === index + 1;
    if (!linked || rowHash(row) !== row.hash) return { intact: false, brokenAtSeq: row.seq, rows: rows.length };
    previous = row.hash;
  }
  return { intact: true, brokenAtSeq: null, rows: rows.length };
}
