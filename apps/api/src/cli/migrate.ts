import { ConfigError, loadConfig } from '../config/config.js';
import { connect } from '../database/data-source.js';

/** `pnpm --filter @impasse/api migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set; the embedded database migrates itself at start.');
  const dataSource = await connect({ url: config.DATABASE_URL, connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT });
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Nothing to apply.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof ConfigError ? `Configuration: ${error.problems.join('; ')}` : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
