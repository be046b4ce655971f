// What the benchmarks share (after `npm run build`): a database of their own, the api as its own
// process, a keep-alive HTTP client for GraphQL, the pipeline's seeded cases, percentiles and
// the CPU time of processes from /proc.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const api = join(root, 'apps', 'api');
export const requireApi = createRequire(join(api, 'package.json'));
export const pg = requireApi('pg');
/** A module of the built api. */
export const dist = (p) => import(pathToFileURL(join(api, 'dist', p)).href);
export const log = (...a) => console.log(...a);

/** `--name value` from the command line as a number, else `fallback`. */
export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/**
 * A migrated database of the benchmark's own: on DATABASE_URL's server when set, else in an
 * embedded PostgreSQL in a temporary folder. `close()` drops it (unless BENCH_KEEP is set) and
 * stops the embedded server.
 */
export async function benchDatabase() {
  const { startEmbeddedDatabase } = await dist('database/embedded.js');
  const { createDataSource } = await dist('database/data-source.js');
  let embedded = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'impasse-bench-')) });
    adminUrl = embedded.url;
  }
  const name = `impasse_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const migrator = createDataSource({ url });
  await migrator.initialize();
  await migrator.runMigrations({ transaction: 'each' });
  await migrator.destroy();
  return {
    url,
    name,
    embedded: embedded !== null,
    async close() {
      if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      else log(`kept database ${name}`);
      await admin.end();
      await embedded?.stop();
    },
  };
}

/**
 * The api as it is deployed: its own process (`node dist/cli/start.js`), so a load generator
 * does not share its event loop. JOBS=off: the reminder scan (every minute, over every open
 * deadline) and its workers would land on random runs; it is not what is measured. The request
 * rate limits are off unless `env` or the environment set budgets (every request of a benchmark
 * comes from one user at one address). BENCH_API_NODE_ARGS passes flags to its node (e.g.
 * "--cpu-prof --cpu-prof-dir=prof").
 */
export async function startApi(url, env = {}) {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(api, 'dist', 'cli', 'start.js')], {
    env: {
      RATE_LIMIT_PER_USER: '0',
      RATE_LIMIT_PER_ADDRESS: '0',
      ...process.env,
      DATABASE_URL: url,
      AUDIT_KEY: 'be'.repeat(32),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      JOBS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = output.match(/running at (http:\/\/\S+)/);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the api exited (${code}) before it was ready:\n${output}`)));
  });
  const serverUrl = await ready;
  return {
    url: serverUrl,
    port: Number(new URL(serverUrl).port),
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/**
 * GraphQL over node:http with keep-alive (the load generator shares the cores with the api and
 * PostgreSQL, and `fetch` costs it about three times as much CPU per request), to the given
 * ports in turn. `gql(query, variables, token)` resolves to the parsed answer.
 */
export function graphqlClient(ports, maxSockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  let turn = 0;
  const gql = (query, variables, token) =>
    new Promise((resolve, reject) => {
      const port = ports[turn++ % ports.length];
      const body = Buffer.from(JSON.stringify({ query, variables }));
      const headers = { 'content-type': 'application/json', 'content-length': body.length, ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  return {
    gql,
    signIn: async (email, password) => (await gql(`mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, { e: email, p: password })).data.signIn.token,
    close: () => agent.destroy(),
  };
}

export const BENCH_PASSWORD = 'bench-password';

/** A user of `org` who signs in with BENCH_PASSWORD. */
export async function benchUser(db, org, email, orgRole = 'MEDIATOR') {
  const { hashPassword } = await dist('auth/passwords.js');
  const { rows } = await db.query(
    `INSERT INTO users (organisation_id, email, display_name, password_hash, org_role) VALUES ($1, $2, $2, $3, $4) RETURNING id`,
    [org, email, await hashPassword(BENCH_PASSWORD), orgRole],
  );
  return rows[0].id;
}

/** One snapshot shape for every seeded case: two sides, as a case is opened. */
export async function seedSnapshot() {
  const machine = await import(pathToFileURL(requireApi.resolve('@impasse/case-machine')).href);
  return machine.createCase({
    sides: [
      { id: '00000000-0000-4000-8000-00000000000a', label: 'Claimant' },
      { id: '00000000-0000-4000-8000-00000000000b', label: 'Respondent' },
    ],
  });
}

/** `count` cases of `org` with two sides each, `userId` their mediator, in statements of 20 000. */
export async function seedCases(db, { org, userId, count, prefix }) {
  const sample = await seedSnapshot();
  for (let done = 0; done < count; done += 20_000) {
    await db.query(
      `WITH c AS (
         INSERT INTO cases (organisation_id, caption, dispute_type, machine_version, snapshot, resolution_state, litigation_state)
         SELECT $1, $2 || ' ' || g, (ARRAY['FAMILY','CONTRACT','BUSINESS','PERSONAL_INJURY'])[1 + g % 4], $3, $4, $5, $6
           FROM generate_series($9::int, $9::int + $7::int - 1) g
         RETURNING id
       ), p AS (INSERT INTO participants (case_id, user_id, role) SELECT id, $8, 'MEDIATOR' FROM c)
       INSERT INTO sides (case_id, label, role, position)
       SELECT id, s.label, s.role, s.position FROM c CROSS JOIN (VALUES ('Claimant','CLAIMANT',0), ('Respondent','RESPONDENT',1)) AS s(label, role, position)`,
      [org, prefix, sample.persisted.machineVersion, sample.persisted.snapshot, sample.state.resolution, sample.state.litigation, Math.min(20_000, count - done), userId, done + 1],
    );
  }
}

/** A deadline due within 60 days on about every tenth case of `userId`, so the sort and the attention flags have work to do. */
export async function seedDeadlines(db, userId) {
  await db.query(
    `INSERT INTO deadlines (case_id, kind, title, due_at, source)
     SELECT c.id, 'COURT_DATE', 'Hearing', now() + random() * interval '60 days', 'COURT_ORDER'
       FROM cases c JOIN participants p ON p.case_id = c.id AND p.user_id = $1 WHERE random() < 0.1`,
    [userId],
  );
}

export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
export const median = (xs) => percentile(xs, 50);

/** CPU seconds (user + system) a process used so far, from /proc (0 when gone, or not Linux). */
const ticks = Number(process.env.CLK_TCK ?? 100);
export function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return 0;
  }
}

/**
 * PostgreSQL's processes' CPU seconds so far, by pid: `pids` only (e.g. the backends of the
 * benchmark's database, on a server others use too), else every process named postgres.
 */
export function postgresCpu(pids = null) {
  const postgres = new Map();
  for (const pid of pids ? pids.map(String) : readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (pids || readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres.set(pid, cpuOf(pid));
    } catch {
      // ended meanwhile
    }
  }
  return postgres;
}

/** One line about the machine, for the figures. */
export function machineLine(embedded) {
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  return `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${embedded ? 'embedded PostgreSQL 18' : 'DATABASE_URL server'}, load average ${load}`;
}
