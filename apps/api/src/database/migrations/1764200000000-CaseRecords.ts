import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records around a case: programs, disputed issues, mediation sessions with
 * attendance, written-agreement terms, and deadlines. State (issue status, agreement
 * status, signatures) lives in the statechart snapshot; these tables hold the details.
 */
export class CaseRecords1764200000000 implements MigrationInterface {
  name = 'CaseRecords1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE programs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      court_connected boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`ALTER TABLE cases
      ADD COLUMN program_id uuid REFERENCES programs(id),
      ADD COLUMN referral_source text CHECK (referral_source IN ('COURT_ORDER','JUDGE_REFERRAL','ATTORNEY','SELF','AGENCY','OTHER')),
      ADD COLUMN referral_date date`);
    await q.query(`CREATE INDEX cases_program_idx ON cases (program_id)`);
    await q.query(`CREATE INDEX cases_dispute_type_idx ON cases (organisation_id, dispute_type)`);
    await q.query(`CREATE TABLE issues (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      description text CHECK (length(description) <= 2000),
      position integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, position)
    )`);
    await q.query(`CREATE TABLE mediation_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      format text NOT NULL CHECK (format IN ('JOINT','CAUCUS','SHUTTLE','ONLINE')),
      outcome text CHECK (outcome IN ('SETTLED','PARTIAL_AGREEMENT','NO_AGREEMENT','NOT_HELD')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX mediation_sessions_case_idx ON mediation_sessions (case_id, starts_at)`);
    await q.query(`CREATE TABLE session_attendance (
      session_id uuid NOT NULL REFERENCES mediation_sessions(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      attended boolean NOT NULL,
      authority_to_settle boolean NOT NULL DEFAULT false,
      PRIMARY KEY (session_id, participant_id)
    )`);
    await q.query(`CREATE TABLE agreement_terms (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      issue_id uuid NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
      terms text NOT NULL CHECK (length(terms) BETWEEN 1 AND 10000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, issue_id)
    )`);
    await q.query(`CREATE TABLE deadlines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('COURT_DATE','FILING_DEADLINE','DISCOVERY_CUTOFF','EXPERT_DISCLOSURE','MEDIATOR_REPORT','PROPOSAL_DEADLINE','NEXT_TOUCHPOINT','OTHER')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      due_at timestamptz NOT NULL,
      source text NOT NULL CHECK (source IN ('COURT_ORDER','RULE','AGREEMENT','MEDIATOR','COUNSEL','SYSTEM')),
      owner_participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX deadlines_open_idx ON deadlines (case_id, due_at) WHERE done_at IS NULL`);
    // The timeline may not be emptied by the app either; the trigger already refuses
    // TRUNCATE, and revoking it makes the refusal a privilege error too. Only where the
    // app's role does not own the table (in a dev database the owner keeps its rights).
    await q.query(`REVOKE TRUNCATE ON case_events FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadlines, agreement_terms, session_attendance, mediation_sessions, issues, programs CASCADE`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS program_id, DROP COLUMN IF EXISTS referral_source, DROP COLUMN IF EXISTS referral_date`);
  }
}
