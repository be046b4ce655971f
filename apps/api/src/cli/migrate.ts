import { ConfigError, loadConfig } from '../config/config.js';
import { connect } from '../database/data-source.js';
import { migrateDatabase, roleWarning } from '../database/migrate.js';

/**
 * `pnpm --filter @impasse/api migrate`: applies pending migrations to DATABASE_URL's database as
 * MIGRATION_DATABASE_URL's role (the owner; DATABASE_URL's own role when not set), granting
 * DATABASE_URL's role what the app needs.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set; the embedded database migrates itself at start.');
  const app = await connect({ url: config.DATABASE_URL, connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT });
  try {
    const { applied, appRole } = await migrateDatabase({
      app,
      appUrl: config.DATABASE_URL,
      ownerUrl: config.MIGRATION_DATABASE_URL ?? null,
      connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT,
      jobsRecoverySeconds: config.JOBS_RECOVERY_SECONDS,
    });
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
    const warning = roleWarning(appRole);
    if (warning) console.log(`Warning: ${warning}`);
  } finally {
    await app.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof ConfigError ? `Configuration: ${error.problems.join('; ')}` : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
