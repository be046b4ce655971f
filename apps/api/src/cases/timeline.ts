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

/**
 * Appends to the case's timeline. Each row's hash covers the previous row's hash, so a
 * verifier can prove the timeline untouched. Called while the case row is locked by the
 * compare-and-set UPDATE (or inside the creating transaction), so seq and prev_hash are safe.
 */
export async function appendEvent(tx: EntityManager, row: NewTimelineRow): Promise<void> {
  const [last] = await tx.query(`SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [row.caseId]);
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash: string | null = last ? last.hash : null;
  const createdAt = new Date();
  const hash = createHash('sha256')
    .update(JSON.stringify([prevHash, row.caseId, seq, row.actorUserId, row.type, row.fromState, row.toState, row.payload, createdAt.toISOString()]))
    .digest('hex');
  await tx.query(
    `INSERT INTO case_events (case_id, seq, actor_user_id, type, from_state, to_state, payload, prev_hash, hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [row.caseId, seq, row.actorUserId, row.type, row.fromState, row.toState, row.payload, prevHash, hash, createdAt],
  );
}
