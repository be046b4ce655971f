import pg from 'pg';

/** The roles the global setup creates (kept in step with global-setup.mjs). */
export const TEST_OWNER_ROLE = 'impasse_test_owner';
export const TEST_APP_ROLE = 'impasse_test_app';
const TEST_ROLE_PASSWORD = 'impasse-test-only';

/** The audit key every test app seals with (AUDIT_KEY). */
export const TEST_AUDIT_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff';

let counter = 0;

/**
 * A fresh, migrated database for one test file: `CREATE DATABASE … TEMPLATE` of the
 * template the global setup migrated. Unique per file, so files never see each other's rows.
 * The URL connects as the app's role (not a superuser, owns nothing); `asAdmin` and `asOwner`
 * give the same database as the server's superuser and as the tables' owner.
 */
export async function createTestDatabase(label = 'file'): Promise<string> {
  const adminUrl = required('TEST_ADMIN_DATABASE_URL');
  const template = required('TEST_TEMPLATE_DATABASE');
  const run = required('TEST_RUN_ID');
  counter += 1;
  const name = `impasse_t_${run}_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20).toLowerCase()}_${process.pid}_${counter}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${TEST_OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  return withCredentials(withDatabase(adminUrl, name), TEST_APP_ROLE, TEST_ROLE_PASSWORD);
}

/** The same database as the server's superuser (to tamper as an attacker with full access would, or to inspect). */
export function asAdmin(url: string): string {
  const admin = new URL(required('TEST_ADMIN_DATABASE_URL'));
  const parsed = new URL(url);
  parsed.username = admin.username;
  parsed.password = admin.password;
  return parsed.toString();
}

/** The same database as the tables' owner (MIGRATION_DATABASE_URL). */
export function asOwner(url: string): string {
  return withCredentials(url, TEST_OWNER_ROLE, TEST_ROLE_PASSWORD);
}

/** What a server started on a test database needs besides DATABASE_URL. */
export function serverEnv(url: string): { DATABASE_URL: string; MIGRATION_DATABASE_URL: string; AUDIT_KEY: string } {
  return { DATABASE_URL: url, MIGRATION_DATABASE_URL: asOwner(url), AUDIT_KEY: TEST_AUDIT_KEY };
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest so that the global setup runs.`);
  return value;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A client on the same database as the server's superuser; the caller ends it. */
export async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: asAdmin(url) });
  await client.connect();
  return client;
}
