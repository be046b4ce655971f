import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline reminders, the in-app inbox and calendar feeds (issue 6).
 *
 * - `reminders`: one row per deadline, lead time and due time, UNIQUE: the idempotency key of a
 *   reminder. It is written in the same transaction as the inbox rows, so a job retried after
 *   a crash, or run by a second instance, finds the row and writes nothing.
 * - `inbox_items`: what a person is told, with a UNIQUE dedupe key (reminder + user). Titles are
 *   case-shared deadline titles only, never confidential text.
 * - `calendar_feeds`: a secret feed address per user, stored as a SHA-256 hash of its token;
 *   revoking keeps the row with `revoked_at`.
 *
 * The job queue itself lives in pg-boss's own schema (`pgboss`), which pg-boss creates and
 * migrates at start-up.
 */
export class Reminders1764700000000 implements MigrationInterface {
  name = 'Reminders1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      deadline_id uuid NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
      lead text NOT NULL CHECK (lead IN ('P7D','P1D','DUE')),
      due_at timestamptz NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (deadline_id, lead, due_at)
    )`);
    await q.query(`CREATE TABLE inbox_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      deadline_id uuid REFERENCES deadlines(id) ON DELETE SET NULL,
      reminder_id uuid REFERENCES reminders(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('DEADLINE_IN_7_DAYS','DEADLINE_IN_1_DAY','TOUCHPOINT_OVERDUE')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      due_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      dedupe_key text NOT NULL UNIQUE
    )`);
    await q.query(`CREATE INDEX inbox_items_user_idx ON inbox_items (user_id, created_at DESC)`);
    await q.query(`CREATE TABLE calendar_feeds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`);
    // At most one live feed per person: creating a new one revokes the old in the same transaction.
    await q.query(`CREATE UNIQUE INDEX calendar_feeds_live_idx ON calendar_feeds (user_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS calendar_feeds, inbox_items, reminders`);
  }
}
