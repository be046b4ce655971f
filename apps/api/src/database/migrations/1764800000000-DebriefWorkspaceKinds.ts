import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 48-hour debrief asks each side to note the information still missing and the language
 * that signalled flexibility (issue 6); both are side-private workspace items.
 */
export class DebriefWorkspaceKinds1764800000000 implements MigrationInterface {
  name = 'DebriefWorkspaceKinds1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE side_workspace_items DROP CONSTRAINT side_workspace_items_kind_check`);
    await q.query(`ALTER TABLE side_workspace_items ADD CONSTRAINT side_workspace_items_kind_check
      CHECK (kind IN ('NOTE','BEST_OFFER','DEALBREAKER','HIDDEN_ISSUE','BATNA','DRAFT','MISSING_INFORMATION','FLEXIBILITY_SIGNAL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM side_workspace_items WHERE kind IN ('MISSING_INFORMATION','FLEXIBILITY_SIGNAL')`);
    await q.query(`ALTER TABLE side_workspace_items DROP CONSTRAINT side_workspace_items_kind_check`);
    await q.query(`ALTER TABLE side_workspace_items ADD CONSTRAINT side_workspace_items_kind_check
      CHECK (kind IN ('NOTE','BEST_OFFER','DEALBREAKER','HIDDEN_ISSUE','BATNA','DRAFT'))`);
  }
}
