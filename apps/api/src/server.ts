import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { embeddedAuditKey } from './config/audit-key.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { sealUnsealedHeads, useAuditKey } from './cases/timeline.js';
import { connect } from './database/data-source.js';
import { defaultDataDir, startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded.js';
import { migrateDatabase, roleWarning } from './database/migrate.js';
import { DEMO_USERS, demoPasswordFor, isLoopback, isEmpty, seedDemo, setDemoPasswords } from './demo/seed.js';

export interface RunningServer {
  url: string;
  config: AppConfig;
  app: INestApplication;
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  demoLoaded: boolean;
  /** The demo accounts' password for this start (for the banner), or null without demo accounts. */
  demoPassword: string | null;
  /** No account exists yet: the first admin comes from create-admin. */
  noAccounts: boolean;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` does after the build: the database (given or embedded), migrations,
 * demo data the first time, then the api and the dashboard on one port.
 */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  say: (line: string) => void = console.log,
  /** The embedded PostgreSQL ended under the app and could not be brought back: the app cannot serve. */
  onFatal: (line: string) => void = say,
): Promise<RunningServer> {
  let config = loadConfig(env);
  if (config.DATABASE_URL && !config.AUDIT_KEY) {
    throw new ConfigError([
      'AUDIT_KEY is required with DATABASE_URL: a secret of at least 32 bytes (for example `openssl rand -hex 32`), kept outside the database, that seals each case\'s timeline',
    ]);
  }
  if (config.MODE === 'deployment' && !config.DATABASE_URL) {
    throw new ConfigError([
      'MODE=deployment needs DATABASE_URL: a PostgreSQL server of your own (the embedded one is for the trial), with MIGRATION_DATABASE_URL and AUDIT_KEY (README, "Running in production")',
    ]);
  }
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  let ownerUrl = config.MIGRATION_DATABASE_URL ?? null;
  let sealOlderHeads = false;
  if (!url) {
    const dataDir = config.DATA_DIR ?? defaultDataDir(env);
    say(`› starting the embedded PostgreSQL (data in ${dataDir})`);
    embedded = await startEmbeddedDatabase({ dataDir, say, onGiveUp: onFatal });
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
    // The trial loads the demo data into an empty database, a deployment only when asked.
    const wantDemo = config.DEMO_DATA ?? config.MODE === 'trial';
    const demoLoaded = wantDemo && (await isEmpty(dataSource));
    const password = demoPasswordFor(config.MODE, config.HOST);
    let demoPassword: string | null = null;
    if (demoLoaded) {
      await seedDemo(dataSource, password);
      demoPassword = password;
      say('› loaded the demo cases');
    } else if (await setDemoPasswords(dataSource, password)) {
      // Demo accounts from an earlier start (or a trial on this database): this start's password.
      demoPassword = password;
    }
    const [{ accounts }] = await dataSource.query(`SELECT count(*)::int AS accounts FROM users`);
    if (config.MODE === 'deployment' && !config.COOKIE_SECURE) {
      say(
        '› warning: COOKIE_SECURE=false: the session cookie also goes over plain http, where anyone on the network path can read it and sign in as its owner; use it only until TLS is in front (then name the proxy in TRUST_PROXY and drop COOKIE_SECURE)',
      );
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
      demoPassword,
      noAccounts: accounts === 0,
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

export function demoSignInLines(password: string): string[] {
  return DEMO_USERS.map((u) => `  ${u.email.padEnd(30)} ${password}   (${u.what})`);
}

/** The banner's line on mail: where mails go. */
export function mailLine(config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>): string {
  if (config.SMTP_URL) {
    const server = new URL(config.SMTP_URL);
    return `  Mail: sent through ${server.hostname}${server.port ? `:${server.port}` : ''} (SMTP_URL) from ${config.MAIL_FROM}`;
  }
  return '  Mail: no SMTP_URL, so nothing is sent: every mail is kept in the Outbox (an organisation admin\'s page, /outbox); nothing is lost';
}

/** The banner's lines on the mode: what it means and how it was chosen. */
export function modeLines(config: AppConfig, server: Pick<RunningServer, 'demoPassword' | 'noAccounts'>): string[] {
  const lines: string[] = [];
  const how = config.MODE === 'deployment' ? 'MODE=trial for a trial' : 'MODE=deployment for a server';
  if (config.MODE === 'trial') {
    lines.push(
      isLoopback(config.HOST)
        ? `  Mode: trial (${how}): demo data, listening on ${config.HOST} only (set HOST to open it to the network)`
        : `  Mode: trial (${how}): listening on ${config.HOST}, reachable from the network, so the demo sign-ins have a fresh password for this start`,
    );
  } else {
    lines.push(
      `  Mode: deployment (${how}): no introspection or suggestions, ${config.COOKIE_SECURE ? 'Secure' : 'NOT Secure (COOKIE_SECURE=false)'} cookies, demo data only with DEMO_DATA=true`,
    );
    lines.push(
      `  Proxy: ${config.TRUST_PROXY ? `X-Forwarded-* trusted from ${config.TRUST_PROXY.join(', ')} (TRUST_PROXY)` : 'none trusted; X-Forwarded-* ignored (TRUST_PROXY names one)'}`,
    );
    if (server.noAccounts) lines.push('  No accounts yet: create the first admin with create-admin (README, "First administrator").');
  }
  return lines;
}
