import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After a session without settlement (issue 6): the court's time zone on programs (the
 * mediator's report is due on a calendar day there), the 48-hour debrief, and each case's
 * playbook progress (item ids are the stable ids of `@impasse/next-steps`' playbooks).
 */
export class PostImpasse1764610000000 implements MigrationInterface {
  name = 'PostImpasse1764610000000';

  async up(q: QueryRunner): Promise<void> {
    // An IANA zone name; the CHECK rejects one PostgreSQL does not know.
    await q.query(`ALTER TABLE programs ADD COLUMN time_zone text NOT NULL DEFAULT 'America/New_York'
      CHECK ((timestamptz '2000-01-01 00:00Z' AT TIME ZONE time_zone) IS NOT NULL)`);
    await q.query(`CREATE TABLE debriefs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      session_id uuid REFERENCES mediation_sessions(id) ON DELETE SET NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      due_at timestamptz NOT NULL,
      completed_at timestamptz
    )`);
    await q.query(`CREATE INDEX debriefs_case_idx ON debriefs (case_id, opened_at DESC)`);
    await q.query(`CREATE INDEX debriefs_open_idx ON debriefs (due_at) WHERE completed_at IS NULL`);
    await q.query(`CREATE TABLE case_playbook_items (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      item_id text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 100),
      done_at timestamptz NOT NULL DEFAULT now(),
      done_by uuid REFERENCES users(id),
      PRIMARY KEY (case_id, item_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_playbook_items, debriefs`);
    await q.query(`ALTER TABLE programs DROP COLUMN IF EXISTS time_zone`);
  }
}
