import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conflict check (UMA §9): a proposed mediator, what the inquiry found, and each side's
 * acknowledgement of the disclosure. `findings` holds only the sentences a disclosure may
 * say (never another case's caption, id or content), so the row itself carries nothing
 * confidential to another case.
 */
export class MediatorAssignments1764500000000 implements MigrationInterface {
  name = 'MediatorAssignments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mediator_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      mediator_user_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL CHECK (status IN ('PROPOSED','DISCLOSED','ACCEPTED','WITHDRAWN')),
      findings jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(findings) = 'array'),
      proposed_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      accepted_at timestamptz,
      CHECK ((status = 'ACCEPTED') = (accepted_at IS NOT NULL))
    )`);
    // At most one proposal awaiting acknowledgement per case.
    await q.query(`CREATE UNIQUE INDEX mediator_assignments_pending_idx ON mediator_assignments (case_id) WHERE status IN ('PROPOSED','DISCLOSED')`);
    await q.query(`CREATE INDEX mediator_assignments_case_idx ON mediator_assignments (case_id, created_at)`);
    await q.query(`CREATE TABLE mediator_assignment_acks (
      assignment_id uuid NOT NULL REFERENCES mediator_assignments(id) ON DELETE CASCADE,
      side_id uuid NOT NULL REFERENCES sides(id) ON DELETE CASCADE,
      acknowledged_by uuid NOT NULL REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (assignment_id, side_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mediator_assignment_acks, mediator_assignments`);
  }
}
