import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the mail sweep's scan of changed cases ended (one row): the next sweep starts there,
 * less an overlap, however long no instance swept, so an agreement's mails are never missed
 * (a scan window relative to now lost what changed while every instance was down).
 */
export class MailCaseScan1765170000000 implements MigrationInterface {
  name = 'MailCaseScan1765170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mail_case_scan (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      scanned_until timestamptz NOT NULL
    )`);
    // The sweep before this table looked back a day at start: begin there.
    await q.query(`INSERT INTO mail_case_scan (scanned_until) VALUES (now() - interval '1 day')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_case_scan`);
  }
}
