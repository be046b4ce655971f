#!/usr/bin/env node
// Benchmarks of issue 4, one command (after `npm run build` or a first `npm start`/`npm test`):
//
//   node bench/cases.mjs [--cases 100000] [--seconds 10] [--runs 5] [--warmup 10] [--concurrency 8] [--instances 1]
//
// 1. transitions per second through GraphQL (`transitionCase`: policy, statechart step,
//    compare-and-set UPDATE, hash-chained timeline INSERT, NOTIFY) against a raw `pg` loop
//    doing BEGIN / UPDATE … WHERE version / SELECT the last row / INSERT / NOTIFY / COMMIT on the same
//    database with the same concurrency, writing the same snapshot and states. Goal:
//    GraphQL ≥ 0.5× raw.
// 2. pipeline page latency (`cases(first: 50)` with sides, issues, allowed events) for a
//    mediator on N cases, against the hand-written SQL returning the same page. Goal ≤ 2×.
// 3. the reminder scan's statement (once a minute per deployment) over those cases' deadlines.
//
// Uses DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder; always in
// a database of its own, dropped at the end. The api runs as its own process, as deployed;
// BENCH_API_NODE_ARGS passes flags to its node (e.g. "--cpu-prof --cpu-prof-dir=prof").
// Besides the rates it reports the CPU each side used per transition (api, PostgreSQL, this
// load generator), read from /proc: on two shared cores, CPU is what the rates trade.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'apps', 'api');
const requireApi = createRequire(join(api, 'package.json'));
const pg = requireApi('pg');
const dist = (p) => import(pathToFileURL(join(api, 'dist', p)).href);
const { startEmbeddedDatabase } = await dist('database/embedded.js');
const { createDataSource } = await dist('database/data-source.js');
const { hashPassword } = await dist('auth/passwords.js');
const machine = await import(pathToFileURL(requireApi.resolve('@impasse/case-machine')).href);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('cases', 100_000);
const SECONDS = arg('seconds', 10);
const RUNS = arg('runs', 5);
const WARMUP = arg('warmup', 10);
const INSTANCES = arg('instances', 1);
const CONCURRENCY = arg('concurrency', 8);
const TRANSITION_CASES = 400;

let embedded = null;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  embedded = await startEmbeddedDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'impasse-bench-')) });
  adminUrl = embedded.url;
}
const dbName = `impasse_bench_${Date.now().toString(36)}`;
const withDb = (url, name) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = withDb(adminUrl, dbName);
const migrator = createDataSource({ url });
await migrator.initialize();
await migrator.runMigrations({ transaction: 'each' });
await migrator.destroy();

const db = new pg.Pool({ connectionString: url, max: CONCURRENCY + 2 });
// DROP DATABASE … WITH (FORCE) at the end ends any connection still open; that is expected.
db.on('error', () => undefined);
const log = (...a) => console.log(...a);

// ---- seed -------------------------------------------------------------------------------
log(`seeding ${N} pipeline cases and ${TRANSITION_CASES * 2} transition cases…`);
const [{ id: org }] = (await db.query(`INSERT INTO organisations (name) VALUES ('Bench') RETURNING id`)).rows;
const password = 'bench-password';
const mkUser = async (email) =>
  (await db.query(`INSERT INTO users (organisation_id, email, display_name, password_hash, org_role) VALUES ($1,$2,$3,$4,'MEDIATOR') RETURNING id`, [org, email, email, await hashPassword(password)])).rows[0].id;
const pipelineUser = await mkUser('pipeline@bench.test');
const transitionUser = await mkUser('transitions@bench.test');

// One snapshot shape for all seeded cases; the pipeline reads state and allowed events from it.
const snapshotFor = (sideA, sideB) => machine.createCase({ sides: [{ id: sideA, label: 'Claimant' }, { id: sideB, label: 'Respondent' }] });
const seedCases = async (count, userId, prefix) => {
  const sample = snapshotFor('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b');
  await db.query(
    `WITH c AS (
       INSERT INTO cases (organisation_id, caption, dispute_type, machine_version, snapshot, resolution_state, litigation_state)
       SELECT $1, $2 || ' ' || g, (ARRAY['FAMILY','CONTRACT','BUSINESS','PERSONAL_INJURY'])[1 + g % 4], $3, $4, $5, $6
         FROM generate_series(1, $7) g
       RETURNING id
     ), p AS (INSERT INTO participants (case_id, user_id, role) SELECT id, $8, 'MEDIATOR' FROM c)
     INSERT INTO sides (case_id, label, role, position)
     SELECT id, s.label, s.role, s.position FROM c CROSS JOIN (VALUES ('Claimant','CLAIMANT',0), ('Respondent','RESPONDENT',1)) AS s(label, role, position)`,
    [org, prefix, sample.persisted.machineVersion, sample.persisted.snapshot, sample.state.resolution, sample.state.litigation, count, userId],
  );
};
const began = Date.now();
for (let done = 0; done < N; done += 20_000) await seedCases(Math.min(20_000, N - done), pipelineUser, 'Pipeline case');
// A deadline on every tenth case, so the sort and the attention flags have work to do.
await db.query(
  `INSERT INTO deadlines (case_id, kind, title, due_at, source)
   SELECT c.id, 'COURT_DATE', 'Hearing', now() + random() * interval '60 days', 'COURT_ORDER'
     FROM cases c JOIN participants p ON p.case_id = c.id AND p.user_id = $1 WHERE random() < 0.1`,
  [pipelineUser],
);
await seedCases(TRANSITION_CASES * 2, transitionUser, 'Transition case');
// As pgbench does: vacuum before measuring, or autovacuum works through the fresh rows
// during the first runs and takes CPU from whichever side is running.
await db.query('VACUUM ANALYZE');
log(`seeded in ${((Date.now() - began) / 1000).toFixed(1)} s`);

// Transition cases start in mediation.inSession, then alternate ADJOURN_SESSION / RESUME_SESSION.
const transitionCases = (await db.query(`SELECT c.id FROM cases c JOIN participants p ON p.case_id = c.id WHERE p.user_id = $1 ORDER BY c.id`, [transitionUser])).rows.map((r) => r.id);
const inSession = (() => {
  let { persisted } = snapshotFor('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b');
  for (const type of ['SCHEDULE_MEDIATION', 'START_SESSION']) persisted = machine.step(persisted, { type }).persisted;
  return persisted;
})();
await db.query(`UPDATE cases SET snapshot = $2, resolution_state = 'mediation.inSession' WHERE id = ANY($1)`, [transitionCases, inSession.snapshot]);
// What the raw loop writes: the same rows a transition writes (the new snapshot, both states
// on the timeline), without the statechart, the policy or the hash chain computing them.
const rawWrites = (() => {
  const adjourned = machine.step(inSession, { type: 'ADJOURN_SESSION' });
  const resumed = machine.step(adjourned.persisted, { type: 'RESUME_SESSION' });
  const states = { inSession: machine.describeState(inSession), adjourned: adjourned.state };
  return {
    adjourn: { type: 'ADJOURN_SESSION', snapshot: adjourned.persisted.snapshot, from: states.inSession, to: states.adjourned },
    resume: { type: 'RESUME_SESSION', snapshot: resumed.persisted.snapshot, from: states.adjourned, to: states.inSession },
  };
})();

// ---- the app ----------------------------------------------------------------------------
// The api runs as it is deployed: its own process (`node dist/cli/start.js`), so the load
// generator below does not share its event loop. With --instances N, N of them on the one
// database (as a horizontally scaled deployment runs), taking requests in turn.
async function startApi() {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(api, 'dist', 'cli', 'start.js')], {
    // JOBS=off: the reminder scan (every minute, over every open deadline: 10 000 of them here)
    // and its workers would land on random runs of either loop; it is not what is measured.
    // The request rate limits off: every request here comes from one user at one address, far
    // past any budget; what counting costs is measured by bench/saturation.mjs.
    // The request rate limits are off unless the environment sets budgets (to measure what counting costs).
    env: { RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_ADDRESS: '0', ...process.env, DATABASE_URL: url, AUDIT_KEY: 'be'.repeat(32), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', JOBS: 'off' },
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
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
const servers = [];
for (let i = 0; i < INSTANCES; i += 1) servers.push(await startApi());
// node:http with keep-alive: the load generator shares the two cores with the api and
// PostgreSQL, and `fetch` costs it about three times as much CPU per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
const ports = servers.map((server) => new URL(server.url).port);
let turn = 0;
const gql = (query, variables, token) =>
  new Promise((resolve, reject) => {
    const serverPort = ports[turn++ % ports.length];
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const headers = { 'content-type': 'application/json', 'content-length': body.length, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const request = http.request({ host: '127.0.0.1', port: serverPort, path: '/graphql', method: 'POST', agent, headers }, (response) => {
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
const signIn = async (email) => (await gql(`mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, { e: email, p: password })).data.signIn.token;

// ---- 1. transitions/s -------------------------------------------------------------------
/** CPU seconds (user + system) used so far by the api, PostgreSQL's processes and this process. */
const ticks = Number(process.env.CLK_TCK ?? 100);
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return 0; // gone, or not Linux
  }
}
function cpuNow() {
  const postgres = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres.set(pid, cpuOf(pid));
    } catch {
      // ended meanwhile
    }
  }
  const own = process.cpuUsage();
  return { api: servers.reduce((sum, server) => sum + cpuOf(server.pid), 0), postgres, generator: (own.user + own.system) / 1e6 };
}
/**
 * CPU milliseconds per unit of work between two cpuNow() readings. PostgreSQL's processes are
 * compared one by one: one that ended in between (a connection, an autovacuum worker) takes
 * its time with it, so only those present at the end count, from zero if they are new.
 */
function cpuPer(before, after, count) {
  if (count === 0) return { api: 0, postgres: 0, generator: 0 };
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  return {
    api: ((after.api - before.api) * 1000) / count,
    postgres: (postgres * 1000) / count,
    generator: ((after.generator - before.generator) * 1000) / count,
  };
}

/**
 * CONCURRENCY workers, each moving its own share of `cases` one transition at a time;
 * `run(seconds)` measures one period. The cases' versions carry over from run to run.
 */
function load(cases, work) {
  const perWorker = Math.floor(cases.length / CONCURRENCY);
  const shares = Array.from({ length: CONCURRENCY }, (_, w) =>
    cases.slice(w * perWorker, (w + 1) * perWorker).map((id) => ({ id, version: 1, adjourned: false })),
  );
  const cursor = shares.map(() => 0);
  return async function run(seconds) {
    let count = 0;
    let errors = 0;
    const deadline = Date.now() + seconds * 1000;
    const before = cpuNow();
    await Promise.all(
      shares.map(async (mine, w) => {
        while (Date.now() < deadline) {
          const c = mine[cursor[w]];
          cursor[w] = (cursor[w] + 1) % mine.length;
          try {
            await work(c);
            c.version += 1;
            c.adjourned = !c.adjourned;
            count += 1;
          } catch (error) {
            errors += 1;
            if (errors < 3) console.error(error);
          }
        }
      }),
    );
    return { perSecond: count / seconds, errors, cpu: cpuPer(before, cpuNow(), count) };
  };
}

const token = await signIn('transitions@bench.test');
const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;
const viaGraphqlLoad = load(transitionCases.slice(0, TRANSITION_CASES), async (c) => {
  const result = await gql(TRANSITION, { c: c.id, v: c.version, e: c.adjourned ? { resumeSession: true } : { adjournSession: true } }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
});
const viaRawSqlLoad = load(transitionCases.slice(TRANSITION_CASES), async (c) => {
  const write = c.adjourned ? rawWrites.resume : rawWrites.adjourn;
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query(
      `UPDATE cases SET snapshot = $3, resolution_state = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
      [c.id, c.version, write.snapshot, write.to.resolution],
    );
    if (updated.rowCount !== 1) throw new Error('version conflict');
    const last = await client.query(`SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [c.id]);
    await client.query(
      `INSERT INTO case_events (case_id, seq, type, from_state, to_state, payload, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, '{}', $6, md5(random()::text))`,
      [c.id, (last.rows[0]?.seq ?? 0) + 1, write.type, write.from, write.to, last.rows[0]?.hash ?? null],
    );
    // The change notice is part of the durable work: the api sends it inside the write too.
    await client.query(`SELECT pg_notify('case_changed', $1)`, [c.id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});
// Both warm up first (the api's JIT, both connection pools), then RUNS alternating periods
// of each, so that a noisy neighbour on a shared machine hits both alike; medians reported.
await viaGraphqlLoad(WARMUP);
await viaRawSqlLoad(WARMUP);
const graphqlRuns = [];
const rawRuns = [];
for (let r = 0; r < RUNS; r += 1) {
  graphqlRuns.push(await viaGraphqlLoad(SECONDS));
  rawRuns.push(await viaRawSqlLoad(SECONDS));
}
const median = (runs) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
const viaGraphql = median(graphqlRuns);
const viaRawSql = median(rawRuns);

// ---- 2. pipeline page latency -----------------------------------------------------------
const PAGE = `{ cases(first: 50) { edges { node { id caption disputeType state { resolution litigation } allowedEvents needsAttention nextDeadlineAt sides { label role } myRoles { role } } } } }`;
const HAND_WRITTEN = `
  SELECT c.id, c.caption, c.dispute_type, c.resolution_state, c.litigation_state, d.next_due,
         (SELECT json_agg(json_build_object('label', s.label, 'role', s.role) ORDER BY s.position) FROM sides s WHERE s.case_id = c.id) AS sides
    FROM participants p
    JOIN cases c ON c.id = p.case_id
    LEFT JOIN LATERAL (SELECT min(due_at) AS next_due FROM deadlines WHERE case_id = c.id AND done_at IS NULL) d ON true
   WHERE p.user_id = $1
   ORDER BY COALESCE(d.next_due, 'infinity'), c.id
   LIMIT 50`;
const pipelineToken = await signIn('pipeline@bench.test');
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
async function time(runs, fn) {
  await fn();
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}
const pageGraphql = await time(40, async () => {
  const result = await gql(PAGE, {}, pipelineToken);
  if (result.errors || result.data.cases.edges.length !== 50) throw new Error(JSON.stringify(result.errors ?? 'short page'));
});
const pageSql = await time(40, () => db.query(HAND_WRITTEN, [pipelineUser]));

// ---- 3. the reminder scan ---------------------------------------------------------------
// What one api instance asks once a minute (JOBS=off above keeps the job runner out of the
// other measures): the scan's statement, over the open deadlines of all the seeded cases.
const { SCAN_SQL, scanWindow } = await dist('reminders/reminder-jobs.js');
const openDeadlines = Number((await db.query('SELECT count(*) FROM deadlines WHERE done_at IS NULL')).rows[0].count);
let scanned = 0;
const scan = await time(40, async () => {
  scanned = (await db.query(SCAN_SQL, scanWindow(new Date()))).rowCount;
});

// ---- report -----------------------------------------------------------------------------
const ratio = viaGraphql.perSecond / viaRawSql.perSecond;
log(`\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${embedded ? 'embedded PostgreSQL 18' : 'DATABASE_URL server'}; api instances: ${INSTANCES}`);
const each = (runs) => runs.map((run) => run.perSecond.toFixed(0)).join(', ');
log(`transitions/s, concurrency ${CONCURRENCY}, median of ${RUNS} runs of ${SECONDS} s each after ${WARMUP} s of warm-up:`);
log(`  GraphQL transitionCase: ${viaGraphql.perSecond.toFixed(0)}/s (runs: ${each(graphqlRuns)}; ${viaGraphql.errors} errors)`);
log(`  raw pg loop:            ${viaRawSql.perSecond.toFixed(0)}/s (runs: ${each(rawRuns)}; ${viaRawSql.errors} errors)`);
log(`  ratio: ${ratio.toFixed(2)}× (goal ≥ 0.5×) ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
const ms = (cpu) => `api ${cpu.api.toFixed(2)} ms, PostgreSQL ${cpu.postgres.toFixed(2)} ms, load generator ${cpu.generator.toFixed(2)} ms`;
log(`  CPU per GraphQL transition: ${ms(viaGraphql.cpu)}`);
log(`  CPU per raw transaction:    ${ms(viaRawSql.cpu)}`);
log(`pipeline page (50 of ${N} cases), 40 runs:`);
log(`  GraphQL cases(first: 50): p50 ${pageGraphql.p50.toFixed(1)} ms, p95 ${pageGraphql.p95.toFixed(1)} ms`);
log(`  hand-written SQL:         p50 ${pageSql.p50.toFixed(1)} ms, p95 ${pageSql.p95.toFixed(1)} ms`);
const pageRatio = pageGraphql.p50 / pageSql.p50;
log(`  p50 ratio: ${pageRatio.toFixed(2)}× (goal ≤ 2×) ${pageRatio <= 2 ? 'met' : 'NOT met'}`);
log(`reminder scan statement (${openDeadlines} open deadlines, ${scanned} in its window), 40 runs: p50 ${scan.p50.toFixed(1)} ms, p95 ${scan.p95.toFixed(1)} ms`);

agent.destroy();
for (const server of servers) await server.stop();
await db.end();
if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
else log(`kept database ${dbName}`);
await admin.end();
await embedded?.stop();
