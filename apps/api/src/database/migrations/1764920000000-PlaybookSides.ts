import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Playbook items are either the neutral process checklist (case-shared, `side_id` NULL) or a
 * side's strategy (side-private, `side_id` the side). Progress ticked on a strategy item before
 * the split was case-wide: it becomes the progress of the side of whoever ticked it, or of every
 * side when the mediator did (each side keeps seeing it done, and no side sees another's).
 * The strategy item ids are frozen here as they were at the split.
 */
const STRATEGY_ITEMS = [
  'family.temporary-orders',
  'family.financial-disclosure',
  'family.evaluations',
  'family.settlement-conference',
  'pi.medical-records',
  'pi.expert-opinions',
  'pi.depositions',
  'pi.motions-in-limine',
  'business.payment-schedule',
  'business.non-disparagement',
  'business.transition-services',
  'business.operating-agreement',
];

export class PlaybookSides1764920000000 implements MigrationInterface {
  name = 'PlaybookSides1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_playbook_items DROP CONSTRAINT case_playbook_items_pkey`);
    await q.query(`ALTER TABLE case_playbook_items ADD COLUMN side_id uuid REFERENCES sides(id) ON DELETE CASCADE`);
    await q.query(`CREATE UNIQUE INDEX case_playbook_items_process_key ON case_playbook_items (case_id, item_id) WHERE side_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX case_playbook_items_side_key ON case_playbook_items (case_id, side_id, item_id) WHERE side_id IS NOT NULL`);
    await q.query(
      `INSERT INTO case_playbook_items (case_id, item_id, done_at, done_by, side_id)
       SELECT i.case_id, i.item_id, i.done_at, i.done_by, s.id
         FROM case_playbook_items i
         JOIN sides s ON s.case_id = i.case_id
        WHERE i.side_id IS NULL AND i.item_id = ANY($1)
          AND (EXISTS (SELECT 1 FROM participants p WHERE p.case_id = i.case_id AND p.user_id = i.done_by AND p.side_id = s.id)
               OR NOT EXISTS (SELECT 1 FROM participants p WHERE p.case_id = i.case_id AND p.user_id = i.done_by AND p.side_id IS NOT NULL))`,
      [STRATEGY_ITEMS],
    );
    await q.query(`DELETE FROM case_playbook_items WHERE side_id IS NULL AND item_id = ANY($1)`, [STRATEGY_ITEMS]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO case_playbook_items (case_id, item_id, done_at, done_by)
       SELECT DISTINCT ON (case_id, item_id) case_id, item_id, done_at, done_by FROM case_playbook_items WHERE side_id IS NOT NULL
        ORDER BY case_id, item_id, done_at
       ON CONFLICT DO NOTHING`,
    );
    await q.query(`DELETE FROM case_playbook_items WHERE side_id IS NOT NULL`);
    await q.query(`DROP INDEX case_playbook_items_side_key, case_playbook_items_process_key`);
    await q.query(`ALTER TABLE case_playbook_items DROP COLUMN side_id`);
    await q.query(`ALTER TABLE case_playbook_items ADD PRIMARY KEY (case_id, item_id)`);
  }
}
