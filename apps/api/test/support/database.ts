import pg from 'pg';


let counter = 0;

/**
 * A fresh, migrated database for one test file: `CREATE DATABASE … TEMPLATE` of the
 * template the global setup migrated. Unique per file, so files never see each other's rows.
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
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
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
