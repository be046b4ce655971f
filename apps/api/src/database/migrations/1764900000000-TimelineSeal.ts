import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each case's timeline head (its last row's seq and hash) sealed with an HMAC under the audit
 * key, which the database does not hold: a writer who rewrites or cuts the timeline and
 * recomputes the hash chain cannot recompute the seal (`cases/timeline.ts`).
 */
export class TimelineSeal1764900000000 implements MigrationInterface {
  name = 'TimelineSeal1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN timeline_head_seq integer, ADD COLUMN timeline_seal text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN timeline_head_seq, DROP COLUMN timeline_seal`);
  }
}
