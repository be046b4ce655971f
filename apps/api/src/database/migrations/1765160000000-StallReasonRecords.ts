import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each stall reason was recorded, for the program reports' stall table
 * (`reporting/stalls.ts`, docs/reporting.md "Stall reasons"). The statechart keeps a case's stall
 * reasons in its snapshot, and only those of its current impasse (each impasse opens a new
 * assessment); the timeline row of `RECORD_STALL_REASON` carries no reason (its payload is
 * confidential). So a row here is written with the transition, in its transaction
 * (`RECORD_WRITERS` in `cases/cases.service.ts`): the case, the reason and the timeline row it
 * belongs to. A trigger fills in the rest from that row, so nothing the writer says can move a
 * record in time or to another program: `recorded_at` is the timeline row's time, `program_id`
 * the case's program when the row is written (null for a case of no program, never counted).
 *
 * Append-only, like the timeline: no row is changed or removed (a trigger refuses it, whoever
 * asks), and the app's role may only read and insert. That is what makes a quarter that has ended
 * fixed: new records are of the quarter now running.
 *
 * **Backfill** from what exists: for each case, the reasons of its snapshot's current assessment
 * (in the order they were recorded), matched in order with the `RECORD_STALL_REASON` rows of its
 * timeline since it last entered impasse; a case whose count of rows and of reasons differ gets
 * none. Reasons of an earlier impasse of a case are in no snapshot any more and are not
 * backfilled: a quarter already reported before this migration may count fewer than happened.
 */
export class StallReasonRecords1765160000000 implements MigrationInterface {
  name = 'StallReasonRecords1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stall_reason_records (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      event_seq integer NOT NULL,
      program_id uuid REFERENCES programs(id),
      reason text NOT NULL CHECK (reason IN (
        'LACKED_INFORMATION', 'UNREALISTIC_EXPECTATIONS', 'NO_AUTHORITY_PRESENT', 'POSTURING',
        'MEDIATOR_FIT', 'EMOTIONS', 'TIMING', 'OTHER')),
      recorded_at timestamptz NOT NULL,
      UNIQUE (case_id, event_seq),
      FOREIGN KEY (case_id, event_seq) REFERENCES case_events (case_id, seq)
    )`);
    await q.query(`CREATE INDEX stall_reason_records_program ON stall_reason_records (program_id, recorded_at)`);

    // The timeline row's time and the case's program, whatever the writer gave.
    await q.query(`CREATE FUNCTION stall_reason_records_fill() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
      DECLARE
        kind text;
        at timestamptz;
      BEGIN
        SELECT ev.type, ev.created_at INTO kind, at FROM case_events ev WHERE ev.case_id = NEW.case_id AND ev.seq = NEW.event_seq;
        IF kind IS DISTINCT FROM 'RECORD_STALL_REASON' THEN
          RAISE EXCEPTION 'a stall reason record belongs to a RECORD_STALL_REASON row of its case''s timeline' USING ERRCODE = 'check_violation';
        END IF;
        NEW.recorded_at := at;
        NEW.program_id := (SELECT program_id FROM cases WHERE id = NEW.case_id);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER stall_reason_records_fill BEFORE INSERT ON stall_reason_records
      FOR EACH ROW EXECUTE FUNCTION stall_reason_records_fill()`);
    await q.query(`CREATE FUNCTION stall_reason_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stall_reason_records is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER stall_reason_records_no_update_or_delete BEFORE UPDATE OR DELETE ON stall_reason_records
      FOR EACH ROW EXECUTE FUNCTION stall_reason_records_append_only()`);
    await q.query(`CREATE TRIGGER stall_reason_records_no_truncate BEFORE TRUNCATE ON stall_reason_records
      FOR EACH STATEMENT EXECUTE FUNCTION stall_reason_records_append_only()`);

    await backfillStallReasons(q);

    // The app's role (granted by default privileges) may read and insert only.
    const grantees: { grantee: string }[] = await q.query(
      `SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = 'public' AND table_name = 'stall_reason_records' AND grantee <> current_user`,
    );
    for (const { grantee } of grantees) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON stall_reason_records FROM "${grantee.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS stall_reason_records`);
    await q.query(`DROP FUNCTION IF EXISTS stall_reason_records_fill()`);
    await q.query(`DROP FUNCTION IF EXISTS stall_reason_records_append_only()`);
  }
}

/**
 * The records of the reasons that exist: each case's current assessment, matched in order with
 * its `RECORD_STALL_REASON` rows since it last entered impasse (see the class's comment).
 */
export async function backfillStallReasons(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  await q.query(`
    WITH entered AS (
      SELECT case_id, max(seq) AS seq FROM case_events
       WHERE to_state->>'resolution' = 'impasse' AND (from_state IS NULL OR from_state->>'resolution' IS DISTINCT FROM 'impasse')
       GROUP BY case_id
    ), recorded AS (
      SELECT ev.case_id, ev.seq, row_number() OVER (PARTITION BY ev.case_id ORDER BY ev.seq) AS n, count(*) OVER (PARTITION BY ev.case_id) AS total
        FROM case_events ev JOIN entered e ON e.case_id = ev.case_id AND ev.seq > e.seq
       WHERE ev.type = 'RECORD_STALL_REASON'
    ), assessed AS (
      SELECT c.id AS case_id, r.item->>'reason' AS reason, r.n, count(*) OVER (PARTITION BY c.id) AS total
        FROM cases c
       CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(c.snapshot #> '{context,assessment,stallReasons}') = 'array'
                                                    THEN c.snapshot #> '{context,assessment,stallReasons}' ELSE '[]'::jsonb END) WITH ORDINALITY AS r(item, n)
    )
    INSERT INTO stall_reason_records (case_id, event_seq, reason)
    SELECT recorded.case_id, recorded.seq, assessed.reason
      FROM recorded JOIN assessed ON assessed.case_id = recorded.case_id AND assessed.n = recorded.n AND assessed.total = recorded.total
     ORDER BY recorded.case_id, recorded.seq
    ON CONFLICT DO NOTHING`);
}
