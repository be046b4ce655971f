import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who signs a written agreement is a rule of the program (the jurisdiction): `PARTIES`, every
 * party in person (the default: UMA §6(a)(1), Fla. R. Civ. P. 1.730(b)), or
 * `PARTIES_OR_COUNSEL`, where counsel may sign for a client (Cal. CCP 664.6). A case takes its
 * program's rule when it is opened.
 */
export class SigningRule1765010000000 implements MigrationInterface {
  name = 'SigningRule1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programs ADD COLUMN signing_rule text NOT NULL DEFAULT 'PARTIES'
      CHECK (signing_rule IN ('PARTIES', 'PARTIES_OR_COUNSEL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programs DROP COLUMN signing_rule`);
  }
}
