import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session was last used, so that one left idle for SESSION_IDLE_MINUTES ends. Written
 * at most once a minute per session (see AuthService.viewerForToken), not on every request.
 */
export class SessionLastUse1765030000000 implements MigrationInterface {
  name = 'SessionLastUse1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN last_used_at`);
  }
}
