import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      password_hash text,
      org_role text NOT NULL DEFAULT 'MEMBER' CHECK (org_role IN ('ORG_ADMIN','MEDIATOR','PROGRAM_ADMIN','MEMBER')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await q.query(`CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      caption text NOT NULL CHECK (length(caption) BETWEEN 1 AND 300),
      docket_number text CHECK (length(docket_number) <= 100),
      dispute_type text NOT NULL CHECK (dispute_type IN ('FAMILY','PERSONAL_INJURY','CONTRACT','EMPLOYMENT','REAL_PROPERTY','PROBATE_ESTATE','BUSINESS','OTHER_CIVIL')),
      court_ordered boolean NOT NULL DEFAULT false,
      machine_version integer NOT NULL,
      snapshot jsonb NOT NULL,
      resolution_state text NOT NULL,
      litigation_state text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX cases_organisation_idx ON cases (organisation_id, updated_at DESC)`);
    await q.query(`CREATE INDEX cases_resolution_state_idx ON cases (resolution_state)`);
    await q.query(`CREATE TABLE sides (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      role text NOT NULL CHECK (role IN ('CLAIMANT','RESPONDENT','PETITIONER','PLAINTIFF','DEFENDANT','INSURER','INTERVENOR','OTHER')),
      position integer NOT NULL,
      UNIQUE (case_id, position)
    )`);
    await q.query(`CREATE TABLE participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('MEDIATOR','COUNSEL','PARTY','PROGRAM_ADMIN')),
      side_id uuid REFERENCES sides(id) ON DELETE CASCADE,
      CHECK ((role IN ('COUNSEL','PARTY')) = (side_id IS NOT NULL)),
      UNIQUE (case_id, user_id, role)
    )`);
    await q.query(`CREATE INDEX participants_user_idx ON participants (user_id)`);
    await q.query(`CREATE TABLE case_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      seq integer NOT NULL,
      actor_user_id uuid REFERENCES users(id),
      type text NOT NULL,
      from_state jsonb,
      to_state jsonb NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash text,
      hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, seq)
    )`);
    // The timeline is append-only: no row is ever changed or removed.
    await q.query(`CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER case_events_no_update_or_delete BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await q.query(`CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
      FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_events, participants, sides, cases, sessions, users, organisations CASCADE`);
    await q.query(`DROP FUNCTION case_events_append_only()`);
  }
}
