import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person holds one role on a case: the mediator, a program administrator, or counsel or
 * party of one side. The database enforces it with UNIQUE (case_id, user_id); the api checks
 * it first to answer with a sentence. A database that already holds a person twice on one
 * case stops here, naming the rows, rather than choosing which role to keep.
 */
export class OneRolePerCase1765000000000 implements MigrationInterface {
  name = 'OneRolePerCase1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const twice: { case_id: string; user_id: string }[] = await q.query(
      `SELECT case_id, user_id FROM participants GROUP BY case_id, user_id HAVING count(*) > 1 LIMIT 5`,
    );
    if (twice.length > 0) {
      throw new Error(
        `These people hold more than one role on a case (case, user): ${twice.map((t) => `${t.case_id} ${t.user_id}`).join('; ')}. ` +
          'Remove all but one of each person\'s participant rows on the case, then start again.',
      );
    }
    await q.query(`ALTER TABLE participants DROP CONSTRAINT participants_case_id_user_id_role_key`);
    await q.query(`ALTER TABLE participants ADD CONSTRAINT participants_one_role_per_case UNIQUE (case_id, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants DROP CONSTRAINT participants_one_role_per_case`);
    await q.query(`ALTER TABLE participants ADD CONSTRAINT participants_case_id_user_id_role_key UNIQUE (case_id, user_id, role)`);
  }
}
