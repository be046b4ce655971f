import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { loadConfig, type AppConfig } from './config/config.js';
import { connect } from './database/data-source.js';
import { defaultDataDir, startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded.js';
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
  const config = loadConfig(env);
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    const dataDir = config.DATA_DIR ?? defaultDataDir(env);
    say(`› starting the embedded PostgreSQL (data in ${dataDir})`);
    embedded = await startEmbeddedDatabase({ dataDir });
    url = embedded.url;
  }
  let dataSource: DataSource | null = null;
  try {
    dataSource = await connect({ url, connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT });
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) say(`› applied ${applied.length} database migration(s)`);
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
