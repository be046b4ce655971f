import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The confidential tiers' own tables: each side's private workspace and the mediator's
 * private notes. Neither is ever written to the timeline: the existence of a side's private
 * work is itself private.
 */
export class ConfidentialWorkspaces1764400000000 implements MigrationInterface {
  name = 'ConfidentialWorkspaces1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE side_workspace_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      side_id uuid NOT NULL REFERENCES sides(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('NOTE','BEST_OFFER','DEALBREAKER','HIDDEN_ISSUE','BATNA','DRAFT')),
      body text CHECK (length(body) <= 10000),
      amount numeric(16,2) CHECK (amount >= 0),
      currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
      non_money_terms text CHECK (length(non_money_terms) <= 5000),
      category text CHECK (category IN ('EGO','FEAR','REPUTATION','CASH_FLOW','CONTROL')),
      next_week text CHECK (length(next_week) <= 2000),
      three_months text CHECK (length(three_months) <= 2000),
      cost_to_decision text CHECK (length(cost_to_decision) <= 2000),
      who_decides text CHECK (length(who_decides) <= 500),
      probability numeric(4,3) CHECK (probability BETWEEN 0 AND 1),
      range_low numeric(16,2),
      range_high numeric(16,2),
      shared_with_mediator boolean NOT NULL DEFAULT false,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (range_low IS NULL OR range_high IS NULL OR range_low <= range_high)
    )`);
    await q.query(`CREATE INDEX side_workspace_items_side_idx ON side_workspace_items (case_id, side_id, created_at)`);
    await q.query(`CREATE TABLE mediator_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      author_user_id uuid NOT NULL REFERENCES users(id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
      caucus_side_id uuid REFERENCES sides(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX mediator_notes_case_idx ON mediator_notes (case_id, author_user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mediator_notes, side_workspace_items`);
  }
}
