import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Named prepared statements, run on the pg pool under TypeORM, for the few statements every
 * request or transition runs: the session lookup and a transition's read and write.
 * PostgreSQL then parses and plans each once per connection rather than on every call (for
 * statements this short, planning was most of the database's CPU), and the call skips
 * TypeORM's per-query runner. Everything else goes through `DataSource.query`.
 *
 * Only for fixed texts (a handful per process): each gets a name derived from its hash, so that one name never means two texts on a
 * connection. The statement is reported to the DataSource's logger like any other (tests
 * count statements through it).
 */
export async function preparedQuery<T extends QueryResultRow>(db: DataSource, text: string, values: unknown[]): Promise<T[]> {
  db.logger.logQuery(text, values);
  const pool = (db.driver as unknown as { master: Pool }).master;
  const result = await pool.query<T>({ name: nameOf(text), text, values });
  return result.rows;
}

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `impasse_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
