import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { embeddedAuditKey } from './config/audit-key.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { sealUnsealedHeads, useAuditKey } from './cases/timeline.js';
import { connect } from './database/data-source.js';
import { defaultDataDir, startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded.js';
import { migrateDatabase, roleWarning } from './database/migrate.js';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, seedDemo } from './demo/seed.js';

export interface RunningServer {
  url: string;
  config: AppConfig;
  app: INestApplication;
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  demoLoaded: boolean;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` does after the build: the database (given or embedded), migrations,
 * demo data the first time, then the api and the dashboard on one port.
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env, say: (line: string) => void = console.log): Promise<RunningServer> {
  let config = loadConfig(env);
  if (config.DATABASE_URL && !config.AUDIT_KEY) {
    throw new ConfigError([
      'AUDIT_KEY is required with DATABASE_URL: a secret of at least 32 bytes (for example `openssl rand -hex 32`), kept outside the database, that seals each case\'s timeline',
    ]);
  }
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  let ownerUrl = config.MIGRATION_DATABASE_URL ?? null;
  let sealOlderHeads = false;
  if (!url) {
    const dataDir = config.DATA_DIR ?? defaultDataDir(env);
    say(`› starting the embedded PostgreSQL (data in ${dataDir})`);
    embedded = await startEmbeddedDatabase({ dataDir });
    url = embedded.appUrl;
    ownerUrl = embedded.ownerUrl;
    try {
      const { key, created } = embeddedAuditKey(dataDir);
      config = { ...config, AUDIT_KEY: key };
      // A data folder from before seals: its heads are sealed once, now that its key exists.
      sealOlderHeads = created && !embedded.created;
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }
  useAuditKey(config.AUDIT_KEY!);
  let dataSource: DataSource | null = null;
  try {
    dataSource = await connect({ url, connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT, poolSize: config.DATABASE_POOL_SIZE, poolWaitMs: config.DATABASE_POOL_WAIT_MS });
    const { applied, appRole } = await migrateDatabase({
      app: dataSource,
      appUrl: url,
      ownerUrl,
      connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT,
      jobsRecoverySeconds: config.JOBS_RECOVERY_SECONDS,
    });
    if (applied.length > 0) say(`› applied ${applied.length} database migration(s)`);
    const warning = roleWarning(appRole);
    if (warning) say(`› warning: ${warning}`);
    if (sealOlderHeads) {
      const { sealed, refused } = await sealUnsealedHeads(dataSource.manager);
      if (sealed.length > 0) say(`› sealed the timeline heads of ${sealed.length} case(s) written before seals`);
      if (refused.length > 0) say(`› warning: ${refused.length} case(s) have a broken timeline and were not sealed: run verify-timeline`);
    }
    const wantDemo = embedded ? true : config.DEMO_DATA === true;
    const demoLoaded = wantDemo && (await isEmpty(dataSource));
    if (demoLoaded) {
      await seedDemo(dataSource);
      say('› loaded the demo cases');
    }
    const app = await createApp(config, dataSource);
    await app.listen(config.PORT, config.HOST);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const ds = dataSource;
    let stopping: Promise<void> | null = null;
    return {
      url: `http://localhost:${port}`,
      config,
      app,
      dataSource: ds,
      embedded,
      demoLoaded,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          if (ds.isInitialized) await ds.destroy();
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
}

export function demoSignInLines(): string[] {
  return DEMO_USERS.map((u) => `  ${u.email.padEnd(30)} ${DEMO_PASSWORD}   (${u.what})`);
}
