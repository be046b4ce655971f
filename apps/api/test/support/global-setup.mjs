// Once per jest run: find a PostgreSQL (DATABASE_URL, else an embedded one in a temp
// folder), migrate a template database, and tell the test files where it is.
// Plain ESM importing the built api (jest loads global setups as CommonJS-transformed
// TypeScript without the ESM path mapping); `turbo run test` builds first.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function globalSetup() {
  if (!existsSync(join(dist, 'database', 'data-source.js'))) {
    throw new Error('apps/api is not built: run `pnpm --filter @impasse/api build` (turbo does it before tests).');
  }
  const { createDataSource } = await import(join(dist, 'database', 'data-source.js'));
  const { startEmbeddedDatabase } = await import(join(dist, 'database', 'embedded.js'));

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'impasse-test-pg-')) });
    globalThis.__EMBEDDED_PG__ = embedded;
    adminUrl = embedded.url;
  }
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const template = `impasse_tpl_${run}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const dataSource = createDataSource({ url: withDatabase(adminUrl, template) });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_ID = run;
}
