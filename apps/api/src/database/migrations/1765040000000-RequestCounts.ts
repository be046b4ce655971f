import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request rate limits' counters when they are kept in PostgreSQL (RATE_LIMIT_STORE=postgres,
 * the default): one row per user and per client address, the shape rate-limiter-flexible's
 * RateLimiterPostgres reads and writes (`expire` in epoch milliseconds). Expired rows are
 * reused by their key, and deleted an hour after they expired by the limiter itself.
 * UNLOGGED: every GraphQL request writes here, and without the write-ahead log a count costs a
 * fraction of a logged write (bench/RESULTS.md); a crash of PostgreSQL empties the table, which
 * only gives every client a fresh window. Not replicated to standbys, which never count.
 */
export class RequestCounts1765040000000 implements MigrationInterface {
  name = 'RequestCounts1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE request_counts (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`);
    await q.query(`CREATE INDEX request_counts_expire_idx ON request_counts (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS request_counts`);
  }
}
