import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and sessions: failed sign-in counters shared by every api instance, and
 * single-use invitations to a case. Neither table holds a secret: the counters are keyed
 * by a hash of the e-mail (and the client address), invitations keep only a hash of the token.
 */
export class Accounts1764300000000 implements MigrationInterface {
  name = 'Accounts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // The shape rate-limiter-flexible's RateLimiterPostgres reads and writes (it is told the
    // table exists, so it never creates one itself): `expire` is epoch milliseconds.
    await q.query(`CREATE TABLE sign_in_attempts (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`);
    await q.query(`CREATE INDEX sign_in_attempts_expire_idx ON sign_in_attempts (expire)`);
    await q.query(`CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      side_id uuid NOT NULL REFERENCES sides(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('COUNSEL','PARTY')),
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      token_hash text NOT NULL UNIQUE,
      invited_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by uuid REFERENCES users(id)
    )`);
    await q.query(`CREATE INDEX invitations_case_idx ON invitations (case_id, created_at)`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS sessions_user_idx`);
    await q.query(`DROP TABLE IF EXISTS invitations, sign_in_attempts`);
  }
}
