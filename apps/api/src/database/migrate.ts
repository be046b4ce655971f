import type { DataSource } from 'typeorm';
import { prepareJobQueue } from '../reminders/reminder-jobs.js';
import { connect } from './data-source.js';
import { ROLE_FACTS_SQL, type RoleFacts } from './roles.js';

export interface MigrateOptions {
  /** The app's pool (DATABASE_URL): the role the migrations grant to. */
  app: DataSource;
  appUrl: string;
  /** The owner's URL (MIGRATION_DATABASE_URL); null when the app's own role migrates. */
  ownerUrl: string | null;
  connectTimeoutSeconds?: number;
  jobsRecoverySeconds?: number;
}

export interface MigrationReport {
  applied: string[];
  /** The app's role as PostgreSQL sees it after the migrations. */
  appRole: RoleFacts;
}

/**
 * Applies pending migrations and prepares pg-boss's schema as the owner, granting the app's role
 * what it needs; then checks that role: it must be able to read and append every table (else a
 * sentence naming them), and the caller warns when it is a superuser or owns the tables.
 */
export async function migrateDatabase(options: MigrateOptions): Promise<MigrationReport> {
  const { app, appUrl, connectTimeoutSeconds = 5 } = options;
  const [{ me: appRole }] = (await app.query(`SELECT current_user AS me`)) as [{ me: string }];
  const ownerUrl = options.ownerUrl && options.ownerUrl !== appUrl ? options.ownerUrl : null;
  let applied: string[];
  if (ownerUrl) {
    const owner = await connect({ url: ownerUrl, connectTimeoutSeconds, appRole, variable: 'MIGRATION_DATABASE_URL' });
    try {
      applied = (await owner.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await owner.destroy();
    }
  } else {
    applied = (await app.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  await prepareJobQueue(ownerUrl ?? appUrl, appRole, options.jobsRecoverySeconds);
  const [facts] = (await app.query(ROLE_FACTS_SQL)) as [RoleFacts];
  if (facts.unwritable.length > 0) {
    throw new Error(
      `The database role ${facts.role} (DATABASE_URL) may not read or write ${facts.unwritable.join(', ')}. ` +
        'Run the migrations as the tables’ owner with MIGRATION_DATABASE_URL, or grant the role what README.md "Database roles and the audit key" lists.',
    );
  }
  return { applied, appRole: facts };
}

/** The start-up's warning when the app's role could rewrite the timeline; null when it cannot. */
export function roleWarning(facts: RoleFacts): string | null {
  if (!facts.superuser && !facts.ownsTables) return null;
  const what = facts.superuser ? 'is a superuser' : 'owns the tables';
  return `The app's database role ${facts.role} ${what}, so it could rewrite the timeline. Give the app a role of its own and the owner to MIGRATION_DATABASE_URL: see README.md "Database roles and the audit key".`;
}
