import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report to the court of each ended session of a court-ordered case (UMA §7), as a record:
 * due when the session ends, filed once by the case's mediator, and then fixed for good.
 *
 * - `mediation_sessions.process`: which ADR process a session belongs to (a mediation, a
 *   settlement conference, an early neutral evaluation), set from the case's state when the
 *   session is put on the calendar. The outcome of a settlement conference or evaluation goes
 *   to its own session, and the report is counted from that session's day.
 * - `court_reports`: one row per ended session that owes the court a report: the case, the
 *   process, the session it reports (when one was on the calendar) and the timeline row of the
 *   event that ended it (`ended_seq`, one report per ending), the session's local date, the
 *   UMA §7 facts known when it ended (whether it was held, the settlement), the
 *   `MEDIATOR_REPORT` deadline and its due instant, and `DUE` or `FILED`. On filing the row gets
 *   the content filed (`content`: UMA §7 fields only), `filed_at` and `filed_by`.
 *
 * A trigger lets a row change only once, from `DUE` to `FILED` with nothing else moving, and
 * never afterwards; no row is deleted and the table is not truncated. The app's role may
 * insert and read rows and update only the four filing columns (the trigger holds the rest
 * even for a role that owns the table).
 */
export class CourtReports1765110000000 implements MigrationInterface {
  name = 'CourtReports1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mediation_sessions
      ADD COLUMN process text NOT NULL DEFAULT 'MEDIATION' CHECK (process IN ('MEDIATION', 'SETTLEMENT_CONFERENCE', 'EARLY_NEUTRAL_EVALUATION'))`);
    await q.query(`CREATE TABLE court_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      process text NOT NULL CHECK (process IN ('MEDIATION', 'SETTLEMENT_CONFERENCE', 'EARLY_NEUTRAL_EVALUATION')),
      session_id uuid REFERENCES mediation_sessions(id),
      ended_seq integer NOT NULL CHECK (ended_seq >= 1),
      session_on date NOT NULL,
      occurred boolean NOT NULL,
      settlement text NOT NULL CHECK (settlement IN ('FULL', 'PARTIAL', 'NONE')),
      deadline_id uuid NOT NULL REFERENCES deadlines(id),
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'DUE' CHECK (status IN ('DUE', 'FILED')),
      content jsonb,
      filed_at timestamptz,
      filed_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, ended_seq),
      CHECK ((status = 'FILED') = (content IS NOT NULL)
         AND (status = 'FILED') = (filed_at IS NOT NULL)
         AND (status = 'FILED') = (filed_by IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX court_reports_case_idx ON court_reports (case_id, created_at)`);

    await q.query(`CREATE FUNCTION court_reports_file_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'DUE' AND NEW.status = 'FILED'
           AND ROW(NEW.id, NEW.case_id, NEW.process, NEW.session_id, NEW.ended_seq, NEW.session_on, NEW.occurred, NEW.settlement,
                   NEW.deadline_id, NEW.due_at, NEW.created_at)
               IS NOT DISTINCT FROM
               ROW(OLD.id, OLD.case_id, OLD.process, OLD.session_id, OLD.ended_seq, OLD.session_on, OLD.occurred, OLD.settlement,
                   OLD.deadline_id, OLD.due_at, OLD.created_at) THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'court_reports: a report changes once, from due to filed, and a filed report never changes' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'court_reports: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER court_reports_file_once BEFORE UPDATE OR DELETE ON court_reports
      FOR EACH ROW EXECUTE FUNCTION court_reports_file_once()`);
    await q.query(`CREATE TRIGGER court_reports_no_truncate BEFORE TRUNCATE ON court_reports
      FOR EACH STATEMENT EXECUTE FUNCTION court_reports_file_once()`);

    // The default privileges gave every grantee all of it: keep inserting, reading and filing.
    const grantees: { grantee: string }[] = await q.query(
      `SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = 'public' AND table_name = 'court_reports' AND grantee <> current_user`,
    );
    for (const { grantee } of grantees) {
      const role = `"${grantee.replace(/"/g, '""')}"`;
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON court_reports FROM ${role}`);
      await q.query(`GRANT UPDATE (status, content, filed_at, filed_by) ON court_reports TO ${role}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS court_reports`);
    await q.query(`DROP FUNCTION IF EXISTS court_reports_file_once()`);
    await q.query(`ALTER TABLE mediation_sessions DROP COLUMN IF EXISTS process`);
  }
}
