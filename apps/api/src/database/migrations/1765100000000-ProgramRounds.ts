import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a court program's caseload report counts: each referral of a case to the program's
 * mediation, and how it ended (docs/reporting.md has the definitions a clerk reads).
 *
 * A **round** opens when a case of a program enters the mediation track (`intake`,
 * `mediation.scheduled`, `mediation.inSession`, `mediation.adjourned`) from outside it: the
 * referral when the case is opened, then a re-mediation after an impasse, a session rescheduled
 * after one was not held, or a court's order of mediation. It closes when the case leaves the
 * track, with the NCSC column of how: the outcome of a held session (settled, settled in part,
 * not settled), the reason a session was not held, or, for any other way out, "held: other" if a
 * session started in the round, else by where the case went (closed settled before a session:
 * not held, unnecessary; closed otherwise: not held, other; to litigation or another ADR
 * process: returned to the regular docket).
 *
 * Rounds follow the timeline: a trigger on `case_events` keeps them in the transaction that
 * appends the row, whatever path appended it, and the migration replays the timeline written
 * before it. The app's role may read rounds but not write them; the trigger writes as the owner.
 */
export class ProgramRounds1765100000000 implements MigrationInterface {
  name = 'ProgramRounds1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // The smallest count a report of the program shows (CMS: no cell of 1 to 10).
    await q.query(`ALTER TABLE programs ADD COLUMN report_min_count integer NOT NULL DEFAULT 11 CHECK (report_min_count BETWEEN 2 AND 100)`);
    await q.query(`CREATE TABLE program_rounds (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      program_id uuid NOT NULL REFERENCES programs(id),
      round integer NOT NULL CHECK (round >= 1),
      referred_on date NOT NULL,
      opened_seq integer NOT NULL,
      session_held boolean NOT NULL DEFAULT false,
      disposed_on date,
      disposition text CHECK (disposition IN (
        'SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER',
        'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER',
        'RETURNED_TO_DOCKET')),
      closed_seq integer,
      UNIQUE (case_id, round),
      CHECK ((disposed_on IS NULL) = (disposition IS NULL) AND (disposed_on IS NULL) = (closed_seq IS NULL)),
      CHECK (disposed_on IS NULL OR disposed_on >= referred_on)
    )`);
    await q.query(`CREATE UNIQUE INDEX program_rounds_one_open ON program_rounds (case_id) WHERE disposed_on IS NULL`);
    await q.query(`CREATE INDEX program_rounds_referred ON program_rounds (program_id, referred_on)`);
    await q.query(`CREATE INDEX program_rounds_disposed ON program_rounds (program_id, disposed_on) WHERE disposed_on IS NOT NULL`);

    await q.query(`CREATE FUNCTION program_rounds_follow() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        track constant text[] := ARRAY['intake', 'mediation.scheduled', 'mediation.inSession', 'mediation.adjourned'];
        was_in boolean := NEW.from_state IS NOT NULL AND (NEW.from_state->>'resolution') = ANY (track);
        now_in boolean := (NEW.to_state->>'resolution') = ANY (track);
        program uuid;
        zone text;
        referral date;
        day date;
        how text;
      BEGIN
        IF NOT (was_in OR now_in) OR (was_in AND now_in AND NEW.type <> 'START_SESSION') THEN
          RETURN NULL;
        END IF;
        SELECT c.program_id, p.time_zone, c.referral_date INTO program, zone, referral
          FROM cases c JOIN programs p ON p.id = c.program_id WHERE c.id = NEW.case_id;
        IF program IS NULL THEN
          RETURN NULL;
        END IF;
        day := (NEW.created_at AT TIME ZONE zone)::date;
        IF now_in AND NOT was_in THEN
          INSERT INTO program_rounds (case_id, program_id, round, referred_on, opened_seq)
          SELECT NEW.case_id, program, COALESCE(max(round), 0) + 1,
                 CASE WHEN NEW.type = 'CASE_OPENED' THEN COALESCE(referral, day) ELSE day END, NEW.seq
            FROM program_rounds WHERE case_id = NEW.case_id
          ON CONFLICT DO NOTHING;
        ELSIF now_in THEN
          UPDATE program_rounds SET session_held = true WHERE case_id = NEW.case_id AND disposed_on IS NULL;
        ELSE
          how := CASE NEW.type
            WHEN 'RECORD_OUTCOME' THEN CASE NEW.payload->>'outcome'
              WHEN 'SETTLED' THEN 'SETTLED' WHEN 'PARTIAL_AGREEMENT' THEN 'SETTLED_IN_PART' ELSE 'NOT_SETTLED' END
            WHEN 'RECORD_SESSION_NOT_HELD' THEN CASE NEW.payload->>'reason'
              WHEN 'PRIOR_SETTLEMENT' THEN 'NOT_HELD_PRIOR_SETTLEMENT' WHEN 'INAPPROPRIATE_FOR_ADR' THEN 'NOT_HELD_INAPPROPRIATE_FOR_ADR'
              WHEN 'NO_RESPONSE' THEN 'NOT_HELD_NO_RESPONSE' ELSE 'NOT_HELD_OTHER' END
          END;
          UPDATE program_rounds
             SET disposed_on = GREATEST(day, referred_on), closed_seq = NEW.seq,
                 disposition = COALESCE(how, CASE
                   WHEN session_held THEN 'HELD_OTHER'
                   WHEN NEW.to_state->>'resolution' = 'resolved.settled' THEN 'NOT_HELD_PRIOR_SETTLEMENT'
                   WHEN NEW.to_state->>'resolution' LIKE 'resolved.%' THEN 'NOT_HELD_OTHER'
                   ELSE 'RETURNED_TO_DOCKET' END)
           WHERE case_id = NEW.case_id AND disposed_on IS NULL;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION program_rounds_follow() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER case_events_program_rounds AFTER INSERT ON case_events
      FOR EACH ROW EXECUTE FUNCTION program_rounds_follow()`);

    // The timeline written before: replayed in order, through the same function.
    await replayProgramRounds(q);

    // Derived from the timeline: only the trigger writes it (as the owner).
    const grantees: { grantee: string }[] = await q.query(
      `SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = 'public' AND table_name = 'program_rounds' AND grantee <> current_user`,
    );
    for (const { grantee } of grantees) {
      await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON program_rounds FROM "${grantee.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS case_events_program_rounds ON case_events`);
    await q.query(`DROP FUNCTION IF EXISTS program_rounds_follow()`);
    await q.query(`DROP TABLE IF EXISTS program_rounds`);
    await q.query(`ALTER TABLE programs DROP COLUMN IF EXISTS report_min_count`);
  }
}

/**
 * Runs the trigger's rule over the rows appended before it existed, in timeline order: each
 * row is handed to the same function as the trigger would have handed it, by copying the
 * timeline into a temporary table that has the trigger (row triggers fire in insertion order).
 */
export async function replayProgramRounds(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  await q.query(`CREATE TEMPORARY TABLE case_events_replay (LIKE case_events)`);
  await q.query(`CREATE TRIGGER replay_program_rounds AFTER INSERT ON case_events_replay
    FOR EACH ROW EXECUTE FUNCTION program_rounds_follow()`);
  await q.query(`INSERT INTO case_events_replay SELECT * FROM case_events ORDER BY case_id, seq`);
  await q.query(`DROP TABLE case_events_replay`);
}
