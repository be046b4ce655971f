import pg from 'pg';
import type { DataSource } from 'typeorm';

/** Where the api's parts find the service pool (provided by the app module). */
export const SERVICE_POOL = Symbol('SERVICE_POOL');

/** Connections of the service pool: a few statements of microseconds each, never a request's work. */
export const SERVICE_POOL_SIZE = 3;

/**
 * A small pool of its own, beside TypeORM's, for what must answer while the app's pool is
 * busy and must not count as the app's statements: the request rate limits' counters
 * (RATE_LIMIT_STORE=postgres) and /readyz's check. Same database, same role as the app.
 */
export function createServicePool(dataSource: DataSource, waitMs: number): pg.Pool {
  const url = (dataSource.options as { url?: string }).url;
  const pool = new pg.Pool({
    connectionString: url,
    max: SERVICE_POOL_SIZE,
    connectionTimeoutMillis: waitMs,
    idleTimeoutMillis: 30_000,
    application_name: 'impasse-api-service',
    // A counter need not wait for its commit to reach the disk: one lost in a crash only
    // shortens a client's window. The app's own pool keeps synchronous commits.
    options: '-c synchronous_commit=off',
  });
  // An idle connection that drops (a restart of PostgreSQL) is replaced on next use; without a
  // listener its error would end the process.
  pool.on('error', () => undefined);
  return pool;
}
