// Once per jest run: find a PostgreSQL (DATABASE_URL, else an embedded one in a temp
// folder), create the owner and app roles, migrate a template database as the owner, and tell
// the test files where it is.
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

// Kept in step with test/support/database.ts.
const TEST_OWNER_ROLE = 'impasse_test_owner';
const TEST_APP_ROLE = 'impasse_test_app';
const TEST_ROLE_PASSWORD = 'impasse-test-only';

export default async function globalSetup() {
  if (!existsSync(join(dist, 'database', 'data-source.js'))) {
    throw new Error('apps/api is not built: run `pnpm --filter @impasse/api build` (turbo does it before tests).');
  }
  const { connect } = await import(join(dist, 'database', 'data-source.js'));
  const { startEmbeddedDatabase } = await import(join(dist, 'database', 'embedded.js'));
  const { migrateDatabase } = await import(join(dist, 'database', 'migrate.js'));
  const { ensureLoginRole, withCredentials } = await import(join(dist, 'database', 'roles.js'));

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'impasse-test-pg-')) });
    globalThis.__EMBEDDED_PG__ = embedded;
    adminUrl = embedded.url;
  }
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const template = `impasse_tpl_${run}`;
  // The two roles, as on a server: the owner migrates, every test app connects as the app's
  // role (so the whole suite proves its grants suffice). Roles are cluster-wide and shared by
  // concurrent runs on one server; ensureLoginRole tolerates the race.
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  for (const role of [TEST_OWNER_ROLE, TEST_APP_ROLE]) await ensureLoginRole(admin, role, TEST_ROLE_PASSWORD);
  await admin.query(`CREATE DATABASE ${template} OWNER ${TEST_OWNER_ROLE}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, template);
  const appUrl = withCredentials(templateUrl, TEST_APP_ROLE, TEST_ROLE_PASSWORD);
  const app = await connect({ url: appUrl });
  try {
    await migrateDatabase({ app, appUrl, ownerUrl: withCredentials(templateUrl, TEST_OWNER_ROLE, TEST_ROLE_PASSWORD) });
  } finally {
    await app.destroy();
  }

  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_ID = run;
}
