import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the program figures read of a round besides how it ended, kept on the round so that a
 * report is a scan of `program_rounds` alone and never a walk of the timeline (at a state's
 * scale a ten-year report probed the timeline of every referral: seconds; see bench/RESULTS.md):
 *
 * - the case's `dispute_type`, `referral_source` and `court_ordered`, as the case has them
 *   (copied when a round opens, and again whenever the case's change), so the breakdowns by case
 *   type, referral source and court order need no join to `cases`;
 * - `first_session_on`: the day (program time zone) of the round's first START_SESSION;
 * - `went_next`: where the case went after the round, as the "where referrals not fully
 *   settled went next" figure reads it: the resolution the round's closing row entered, or,
 *   when that was an impasse, the one the case entered when it first left the impasse after;
 *   null while it has not (still at impasse) or the round is open;
 * - `case_closed_as`: the resolution the case was closed with (`resolved.…`), null while open;
 * - `mediator_on` (first rounds only): the day the case's first mediator was on it: the day it
 *   was opened, if the one who opened it is its mediator, or the day a proposed mediator was
 *   accepted, whichever is first;
 * - `mediator_user_id`: the referral's mediator, as the figures by mediator count it: the last
 *   mediator to join the case (by opening it, or by an accepted proposal) before the referral
 *   ended, or so far while it is open.
 *
 * The last two are recomputed by their definitions whenever their inputs change: the case's
 * first timeline row, a round opened or closed, its mediator participants, its mediator
 * assignments.
 *
 * A second trigger on `case_events` (after the rounds trigger, in name order), and triggers on
 * `participants` and `mediator_assignments` for `mediator_on`, keep them in the transaction
 * that writes the row; this migration fills them from the timeline written before
 * (`ROUND_FACTS_SQL`, the same definitions over the base data; tests compare the two).
 */
export class RoundReportFacts1765130000000 implements MigrationInterface {
  name = 'RoundReportFacts1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program_rounds ADD COLUMN first_session_on date, ADD COLUMN went_next text, ADD COLUMN case_closed_as text, ADD COLUMN mediator_on date, ADD COLUMN mediator_user_id uuid,
      ADD COLUMN dispute_type text, ADD COLUMN referral_source text, ADD COLUMN court_ordered boolean`);
    await q.query(`CREATE FUNCTION program_round_case_follow() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      BEGIN
        UPDATE program_rounds SET dispute_type = NEW.dispute_type, referral_source = NEW.referral_source, court_ordered = NEW.court_ordered
         WHERE case_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION program_round_case_follow() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER cases_round_case AFTER UPDATE OF dispute_type, referral_source, court_ordered ON cases
      FOR EACH ROW WHEN ((OLD.dispute_type, OLD.referral_source, OLD.court_ordered) IS DISTINCT FROM (NEW.dispute_type, NEW.referral_source, NEW.court_ordered))
      EXECUTE FUNCTION program_round_case_follow()`);
    await q.query(`CREATE FUNCTION program_round_mediator_refresh(one uuid) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        UPDATE program_rounds r SET mediator_on = CASE WHEN r.round = 1 THEN (${MEDIATOR_ON_SQL}) END, mediator_user_id = (${ROUND_MEDIATOR_SQL})
         WHERE r.case_id = one
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION program_round_mediator_refresh(uuid) FROM PUBLIC`);
    await q.query(`CREATE FUNCTION program_round_mediator_follow() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM program_round_mediator_refresh(OLD.case_id); END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN PERFORM program_round_mediator_refresh(NEW.case_id); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION program_round_mediator_follow() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER participants_round_mediator AFTER INSERT OR UPDATE OR DELETE ON participants
      FOR EACH ROW EXECUTE FUNCTION program_round_mediator_follow()`);
    await q.query(`CREATE TRIGGER mediator_assignments_round_mediator AFTER INSERT OR UPDATE OR DELETE ON mediator_assignments
      FOR EACH ROW EXECUTE FUNCTION program_round_mediator_follow()`);
    await q.query(`CREATE FUNCTION program_round_facts_follow() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        track constant text[] := ARRAY['intake', 'mediation.scheduled', 'mediation.inSession', 'mediation.adjourned'];
        was text := NEW.from_state->>'resolution';
        now_is text := NEW.to_state->>'resolution';
      BEGIN
        IF NEW.seq = 1 OR ((was = ANY (track)) IS TRUE) <> ((now_is = ANY (track)) IS TRUE) THEN
          -- The case's first row, or a round opened or closed: its mediators as of then.
          PERFORM program_round_mediator_refresh(NEW.case_id);
        END IF;
        IF (now_is = ANY (track)) AND (was = ANY (track)) IS NOT TRUE THEN
          -- A round opened: the case's type and referral, as the breakdowns read them.
          UPDATE program_rounds r SET dispute_type = c.dispute_type, referral_source = c.referral_source, court_ordered = c.court_ordered
            FROM cases c WHERE r.case_id = NEW.case_id AND r.opened_seq = NEW.seq AND c.id = r.case_id;
        END IF;
        IF NEW.type = 'START_SESSION' THEN
          UPDATE program_rounds r SET first_session_on = (NEW.created_at AT TIME ZONE p.time_zone)::date
            FROM programs p
           WHERE r.case_id = NEW.case_id AND r.disposed_on IS NULL AND r.first_session_on IS NULL AND p.id = r.program_id;
        END IF;
        -- The round this row closed (the rounds trigger has just closed it), unless it closed into an impasse.
        IF was = ANY (track) AND NOT now_is = ANY (track) AND now_is IS DISTINCT FROM 'impasse' THEN
          UPDATE program_rounds SET went_next = now_is WHERE case_id = NEW.case_id AND closed_seq = NEW.seq;
        END IF;
        -- Leaving an impasse: where the rounds that closed into it went.
        IF was = 'impasse' AND now_is IS DISTINCT FROM 'impasse' THEN
          UPDATE program_rounds SET went_next = now_is WHERE case_id = NEW.case_id AND closed_seq < NEW.seq AND went_next IS NULL;
        END IF;
        IF now_is LIKE 'resolved.%' AND was IS DISTINCT FROM now_is THEN
          UPDATE program_rounds SET case_closed_as = now_is WHERE case_id = NEW.case_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION program_round_facts_follow() FROM PUBLIC`);
    // Named to fire after case_events_program_rounds (row triggers fire in name order).
    await q.query(`CREATE TRIGGER case_events_round_facts AFTER INSERT ON case_events
      FOR EACH ROW EXECUTE FUNCTION program_round_facts_follow()`);
    await backfillRoundFacts(q);
    // The figures over the referrals that ended in a period read only these columns: the index
    // answers them without the table (an index-only scan; a program's rounds are spread over the
    // whole table, a few to a page). The open rounds, for the form's pending columns.
    await q.query(`DROP INDEX program_rounds_disposed`);
    await q.query(`CREATE INDEX program_rounds_disposed ON program_rounds (program_id, disposed_on)
      INCLUDE (${ENDED_COLUMNS.join(', ')}) WHERE disposed_on IS NOT NULL`);
    await q.query(`CREATE INDEX program_rounds_open ON program_rounds (program_id, referred_on) INCLUDE (dispute_type) WHERE disposed_on IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS program_rounds_open`);
    await q.query(`DROP INDEX IF EXISTS program_rounds_disposed`);
    await q.query(`CREATE INDEX program_rounds_disposed ON program_rounds (program_id, disposed_on) WHERE disposed_on IS NOT NULL`);
    await q.query(`DROP TRIGGER IF EXISTS case_events_round_facts ON case_events`);
    await q.query(`DROP TRIGGER IF EXISTS cases_round_case ON cases`);
    await q.query(`DROP FUNCTION IF EXISTS program_round_case_follow()`);
    await q.query(`DROP TRIGGER IF EXISTS participants_round_mediator ON participants`);
    await q.query(`DROP TRIGGER IF EXISTS mediator_assignments_round_mediator ON mediator_assignments`);
    await q.query(`DROP FUNCTION IF EXISTS program_round_facts_follow()`);
    await q.query(`DROP FUNCTION IF EXISTS program_round_mediator_follow()`);
    await q.query(`DROP FUNCTION IF EXISTS program_round_mediator_refresh(uuid)`);
    await q.query(`ALTER TABLE program_rounds DROP COLUMN IF EXISTS first_session_on, DROP COLUMN IF EXISTS went_next, DROP COLUMN IF EXISTS case_closed_as, DROP COLUMN IF EXISTS mediator_on, DROP COLUMN IF EXISTS mediator_user_id,
      DROP COLUMN IF EXISTS dispute_type, DROP COLUMN IF EXISTS referral_source, DROP COLUMN IF EXISTS court_ordered`);
  }
}

/** What the figures over the referrals that ended in a period read of a round, besides its program and disposition day. */
const ENDED_COLUMNS = [
  'referred_on', 'round', 'session_held', 'disposition', 'dispute_type', 'referral_source', 'court_ordered',
  'first_session_on', 'went_next', 'case_closed_as', 'mediator_on', 'mediator_user_id',
];

/** The day (program time zone) the first mediator was on round `r`'s case (for `r` a first round). */
const MEDIATOR_ON_SQL = `
  SELECT (min(m.at AT TIME ZONE p.time_zone))::date
    FROM programs p,
         (-- opened by its mediator, or a proposed mediator accepted
          SELECT ev.created_at AS at FROM case_events ev
            JOIN participants pa ON pa.case_id = ev.case_id AND pa.user_id = ev.actor_user_id AND pa.role = 'MEDIATOR'
           WHERE ev.case_id = r.case_id AND ev.seq = 1
          UNION ALL SELECT ma.accepted_at FROM mediator_assignments ma WHERE ma.case_id = r.case_id AND ma.accepted_at IS NOT NULL) m
   WHERE p.id = r.program_id`;

/** Round `r`'s mediator: the last to join its case before the round ended (of all so far while it is open). */
const ROUND_MEDIATOR_SQL = `
  SELECT j.mediator FROM (
      -- the mediator who opened the case
      SELECT ev.actor_user_id AS mediator, ev.created_at AS at FROM case_events ev
        JOIN participants pa ON pa.case_id = ev.case_id AND pa.user_id = ev.actor_user_id AND pa.role = 'MEDIATOR'
       WHERE ev.case_id = r.case_id AND ev.seq = 1
      UNION ALL
      -- a proposed mediator, once accepted
      SELECT ma.mediator_user_id, ma.accepted_at FROM mediator_assignments ma
       WHERE ma.case_id = r.case_id AND ma.accepted_at IS NOT NULL
    ) j
   WHERE j.at <= COALESCE((SELECT ev.created_at FROM case_events ev WHERE ev.case_id = r.case_id AND ev.seq = r.closed_seq), 'infinity')
   ORDER BY j.at DESC, j.mediator DESC LIMIT 1`;

/** Each round's facts from the base data (the timeline, the case, its mediators), by the definitions above: `id` and the columns. */
export const ROUND_FACTS_SQL = `
  SELECT r.id,
         (SELECT (min(ev.created_at) AT TIME ZONE p.time_zone)::date FROM case_events ev
           WHERE ev.case_id = r.case_id AND ev.type = 'START_SESSION' AND ev.seq > r.opened_seq
             AND (r.closed_seq IS NULL OR ev.seq <= r.closed_seq)) AS first_session_on,
         CASE WHEN r.closed_seq IS NULL THEN NULL
              WHEN closing.to_state->>'resolution' IS DISTINCT FROM 'impasse' THEN closing.to_state->>'resolution'
              ELSE (SELECT ev.to_state->>'resolution' FROM case_events ev
                     WHERE ev.case_id = r.case_id AND ev.seq > r.closed_seq
                       AND ev.from_state->>'resolution' = 'impasse' AND ev.to_state->>'resolution' <> 'impasse'
                     ORDER BY ev.seq LIMIT 1) END AS went_next,
         CASE WHEN c.resolution_state LIKE 'resolved.%' THEN c.resolution_state END AS case_closed_as,
         CASE WHEN r.round = 1 THEN (${MEDIATOR_ON_SQL}) END AS mediator_on,
         (${ROUND_MEDIATOR_SQL}) AS mediator_user_id,
         c.dispute_type, c.referral_source, c.court_ordered
    FROM program_rounds r
    JOIN programs p ON p.id = r.program_id
    JOIN cases c ON c.id = r.case_id
    LEFT JOIN case_events closing ON closing.case_id = r.case_id AND closing.seq = r.closed_seq`;

/** Fills every round's facts from the base data (the migration; after a replay of the rounds). */
export async function backfillRoundFacts(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  await q.query(`UPDATE program_rounds r SET first_session_on = f.first_session_on, went_next = f.went_next, case_closed_as = f.case_closed_as, mediator_on = f.mediator_on,
                       mediator_user_id = f.mediator_user_id, dispute_type = f.dispute_type, referral_source = f.referral_source, court_ordered = f.court_ordered
                   FROM (${ROUND_FACTS_SQL}) f WHERE f.id = r.id`);
}
