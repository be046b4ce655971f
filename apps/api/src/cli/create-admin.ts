import { parseArgs } from 'node:util';
import { AppError } from '../common/errors.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { connect } from '../database/data-source.js';
import { migrateDatabase } from '../database/migrate.js';
import { checkDisplayName, checkPassword, createAccount, normaliseEmail } from '../users/accounts.js';

/**
 * The first administrator of a server started with DATABASE_URL (which has no demo data):
 *
 *   DATABASE_URL=postgres://… ADMIN_PASSWORD=… node apps/api/dist/cli/create-admin.js \
 *     --email admin@example.org --name "Ada Admin" --organisation "Example Mediation"
 *
 * Without ADMIN_PASSWORD it asks for the password on a terminal, without echo. It applies
 * pending migrations, creates the organisation unless one has that exact name, and creates
 * an ORG_ADMIN in it. Any problem is one line on stderr and exit code 1.
 */
class UsageError extends Error {}

const USAGE = 'usage: create-admin --email <address> --name "<display name>" --organisation "<organisation name>"';

async function main(): Promise<void> {
  let values: { email?: string; name?: string; organisation?: string };
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  for (const option of ['email', 'name', 'organisation'] as const) {
    if (!values[option]?.trim()) throw new UsageError(`--${option} is required (${USAGE})`);
  }
  const organisation = values.organisation!.trim();
  if (organisation.length > 200) throw new UsageError('--organisation must be at most 200 characters');
  // Check what needs no database before asking for a password or connecting.
  const email = normaliseEmail(values.email!);
  const displayName = checkDisplayName(values.name!);
  const password = checkPassword(process.env.ADMIN_PASSWORD || (await askPassword()), 'ADMIN_PASSWORD', { email, displayName });

  const config = loadConfig();
  if (!config.DATABASE_URL) throw new UsageError('DATABASE_URL is not set: give the PostgreSQL server the api is started with.');
  const db = await connect({ url: config.DATABASE_URL, connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT });
  try {
    await migrateDatabase({
      app: db,
      appUrl: config.DATABASE_URL,
      ownerUrl: config.MIGRATION_DATABASE_URL ?? null,
      connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT,
      jobsRecoverySeconds: config.JOBS_RECOVERY_SECONDS,
    });
    const { account, createdOrganisation } = await db.transaction(async (tx) => {
      // Serialises two runs naming the same new organisation.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('create-admin'))`);
      const [existing] = await tx.query(`SELECT id FROM organisations WHERE name = $1 ORDER BY created_at LIMIT 1`, [organisation]);
      const organisationId: string = existing?.id ?? (await tx.query(`INSERT INTO organisations (name) VALUES ($1) RETURNING id`, [organisation]))[0].id;
      const account = await createAccount(tx, { organisationId, email, displayName, orgRole: 'ORG_ADMIN', password });
      return { account, createdOrganisation: !existing };
    });
    console.log(
      `✔ Created organisation admin ${account.email} in ${createdOrganisation ? 'the new' : 'the existing'} organisation "${organisation}". Sign in with that e-mail and password.`,
    );
  } finally {
    await db.destroy();
  }
}

/** Reads the password from the terminal without echoing it, twice. */
async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('set ADMIN_PASSWORD, or run this in a terminal to be asked for the password');
  const first = await readHidden('Password for the new admin (at least 10 characters): ');
  const second = await readHidden('Repeat it: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new UsageError('cancelled'));
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Configuration: ${error.problems.join('; ')}`
      : error instanceof AppError || error instanceof UsageError || error instanceof Error
        ? error.message
        : String(error);
  console.error(`✖ ${message.split('\n')[0]}`);
  process.exit(1);
});
