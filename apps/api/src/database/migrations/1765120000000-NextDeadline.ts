import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline sorts by each case's next open deadline. Computing it for every one of a viewer's
 * cases on every page cost a probe of `deadlines` per case (about 200 ms at 100 000 cases), so
 * it is materialised: `cases.next_deadline_at`, the soonest `due_at` of the case's open
 * deadlines (`done_at IS NULL`), NULL when it has none.
 *
 * Kept by statement triggers on `deadlines` (INSERT, UPDATE, DELETE, TRUNCATE), whatever path
 * writes them: the statement's cases whose open deadlines may have changed (a row added, removed,
 * moved to another case, its due date changed, done or reopened) are recomputed in the writing
 * transaction. Each first takes those cases' row locks (in id order), then takes the minimum:
 * two transactions adding deadlines to one case would otherwise each compute it without the
 * other's uncommitted row, and the later commit would leave a value missing the earlier one's
 * deadline. The lock is FOR NO KEY UPDATE, the lock the UPDATE takes anyway: FOR UPDATE would
 * deadlock two such inserts, each holding the FOR KEY SHARE lock of its foreign-key check (taken
 * before an AFTER STATEMENT trigger runs) and waiting for the other's. The UPDATE sets only this
 * column: no version, no `updated_at`, no timeline seal, so the transitions' compare-and-set
 * and the record are untouched (a transition waiting on the lock finds its version unchanged).
 *
 * Only the trigger writes the column: a guard refuses any other INSERT or UPDATE that sets it
 * (an app bug cannot leave it stale). The function runs as the owner (SECURITY DEFINER, its
 * search_path pinned), so it needs no grant of the app's role beyond what it has.
 *
 * The index serves the pipeline's order and keyset cursor: (organisation, sort key, id); with
 * the viewer's cases as program administrator by id, the page is two index ranges merged.
 */
export class NextDeadline1765120000000 implements MigrationInterface {
  name = 'NextDeadline1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN next_deadline_at timestamptz`);
    await q.query(`UPDATE cases c SET next_deadline_at = d.next
                     FROM (SELECT case_id, min(due_at) AS next FROM deadlines WHERE done_at IS NULL GROUP BY case_id) d
                    WHERE d.case_id = c.id`);

    await q.query(`CREATE FUNCTION cases_keep_next_deadline() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        touched uuid[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE cases SET next_deadline_at = NULL WHERE next_deadline_at IS NOT NULL;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT n.case_id) INTO touched FROM new_rows n WHERE n.done_at IS NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(DISTINCT o.case_id) INTO touched FROM old_rows o WHERE o.done_at IS NULL;
        ELSE
          -- An open row that is no longer the same open row (case, due date), or the reverse.
          SELECT array_agg(DISTINCT x.case_id) INTO touched FROM (
            SELECT o.case_id FROM old_rows o
             WHERE o.done_at IS NULL AND NOT EXISTS (
               SELECT FROM new_rows n WHERE n.id = o.id AND n.done_at IS NULL AND n.case_id = o.case_id AND n.due_at = o.due_at)
            UNION ALL
            SELECT n.case_id FROM new_rows n
             WHERE n.done_at IS NULL AND NOT EXISTS (
               SELECT FROM old_rows o WHERE o.id = n.id AND o.done_at IS NULL AND o.case_id = n.case_id AND o.due_at = n.due_at)
          ) x;
        END IF;
        IF touched IS NULL THEN
          RETURN NULL;
        END IF;
        -- The lock first, then the minimum: a statement started after the lock was granted sees
        -- every deadline committed by whoever held it before.
        PERFORM FROM cases WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
        UPDATE cases c SET next_deadline_at = m.next
          FROM (SELECT t.id, (SELECT min(d.due_at) FROM deadlines d WHERE d.case_id = t.id AND d.done_at IS NULL) AS next
                  FROM unnest(touched) AS t(id)) m
         WHERE c.id = m.id AND c.next_deadline_at IS DISTINCT FROM m.next;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION cases_keep_next_deadline() FROM PUBLIC`);
    // Transition tables need one trigger per event.
    await q.query(`CREATE TRIGGER deadlines_next_deadline_insert AFTER INSERT ON deadlines
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_keep_next_deadline()`);
    await q.query(`CREATE TRIGGER deadlines_next_deadline_update AFTER UPDATE ON deadlines
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_keep_next_deadline()`);
    await q.query(`CREATE TRIGGER deadlines_next_deadline_delete AFTER DELETE ON deadlines
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cases_keep_next_deadline()`);
    await q.query(`CREATE TRIGGER deadlines_next_deadline_truncate AFTER TRUNCATE ON deadlines
      FOR EACH STATEMENT EXECUTE FUNCTION cases_keep_next_deadline()`);

    // Nobody else writes it: the trigger's UPDATE runs inside a trigger (depth 1), any other
    // statement at depth 0. A new case has no deadlines.
    await q.query(`CREATE FUNCTION cases_next_deadline_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
      BEGIN
        RAISE EXCEPTION 'cases.next_deadline_at is kept by the deadlines trigger; write deadlines instead'
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER cases_next_deadline_guard_update BEFORE UPDATE OF next_deadline_at ON cases
      FOR EACH ROW WHEN (pg_trigger_depth() < 1 AND OLD.next_deadline_at IS DISTINCT FROM NEW.next_deadline_at)
      EXECUTE FUNCTION cases_next_deadline_guard()`);
    await q.query(`CREATE TRIGGER cases_next_deadline_guard_insert BEFORE INSERT ON cases
      FOR EACH ROW WHEN (NEW.next_deadline_at IS NOT NULL) EXECUTE FUNCTION cases_next_deadline_guard()`);

    // The pipeline's order: (sort key, id) within the organisation (case-sql.ts, casesSql).
    await q.query(`CREATE INDEX cases_pipeline_idx ON cases (organisation_id, (COALESCE(next_deadline_at, 'infinity'::timestamptz)), id)`);
    // A viewer's cases held as program administrator, in id order (they sort as 'infinity'), and
    // those held in any other role: each of the page's two ranges, read from the viewer's side
    // when the viewer holds few of the organisation's cases that way.
    await q.query(`CREATE INDEX participants_program_admin_idx ON participants (user_id, case_id) WHERE role = 'PROGRAM_ADMIN'`);
    await q.query(`CREATE INDEX participants_other_roles_idx ON participants (user_id, case_id) WHERE role <> 'PROGRAM_ADMIN'`);
    // How many of a user's cases they hold in which role: without it PostgreSQL takes user and
    // role as independent and, for a program administrator of 100 000 cases, walks the whole
    // organisation by deadline looking for cases they hold another way (0.6 s instead of 1 ms).
    await q.query(`CREATE STATISTICS participants_user_role (mcv) ON user_id, role FROM participants`);
    await q.query(`ANALYZE participants`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS IF EXISTS participants_user_role`);
    await q.query(`DROP INDEX IF EXISTS participants_other_roles_idx`);
    await q.query(`DROP INDEX IF EXISTS participants_program_admin_idx`);
    await q.query(`DROP INDEX IF EXISTS cases_pipeline_idx`);
    await q.query(`DROP TRIGGER IF EXISTS cases_next_deadline_guard_insert ON cases`);
    await q.query(`DROP TRIGGER IF EXISTS cases_next_deadline_guard_update ON cases`);
    await q.query(`DROP FUNCTION IF EXISTS cases_next_deadline_guard()`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER IF EXISTS deadlines_next_deadline_${event} ON deadlines`);
    }
    await q.query(`DROP FUNCTION IF EXISTS cases_keep_next_deadline()`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS next_deadline_at`);
  }
}
