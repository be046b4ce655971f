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
// 2. the reminder scan's statement (once a minute per deployment) over those cases' deadlines.
// (The pipeline page and its floor are bench/pipeline.mjs's.)
//
// Uses DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder; always in
// a database of its own, dropped at the end. The api runs as its own process, as deployed;
// BENCH_API_NODE_ARGS passes flags to its node (e.g. "--cpu-prof --cpu-prof-dir=prof").
// Besides the rates it reports the CPU each side used per transition (api, PostgreSQL, this
// load generator), read from /proc: on two shared cores, CPU is what the rates trade.
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { arg, benchDatabase, benchUser, BENCH_PASSWORD, cpuOf, dist, graphqlClient, log, percentile, pg, postgresCpu, requireApi, seedCases as seed, seedDeadlines, seedSnapshot, startApi as startBenchApi } from './support.mjs';

const machine = await import(pathToFileURL(requireApi.resolve('@impasse/case-machine')).href);

const N = arg('cases', 100_000);
const SECONDS = arg('seconds', 10);
const RUNS = arg('runs', 5);
const WARMUP = arg('warmup', 10);
const INSTANCES = arg('instances', 1);
const CONCURRENCY = arg('concurrency', 8);
const TRANSITION_CASES = 400;

const database = await benchDatabase();
const embedded = database.embedded;
const url = database.url;
const db = new pg.Pool({ connectionString: url, max: CONCURRENCY + 2 });
// DROP DATABASE … WITH (FORCE) at the end ends any connection still open; that is expected.
db.on('error', () => undefined);

// ---- seed -------------------------------------------------------------------------------
log(`seeding ${N} pipeline cases and ${TRANSITION_CASES * 2} transition cases…`);
const [{ id: org }] = (await db.query(`INSERT INTO organisations (name) VALUES ('Bench') RETURNING id`)).rows;
const password = BENCH_PASSWORD;
const pipelineUser = await benchUser(db, org, 'pipeline@bench.test');
const transitionUser = await benchUser(db, org, 'transitions@bench.test');
const began = Date.now();
await seed(db, { org, userId: pipelineUser, count: N, prefix: 'Pipeline case' });
// A deadline on every tenth case, so the reminder scan has work to do.
await seedDeadlines(db, pipelineUser);
await seed(db, { org, userId: transitionUser, count: TRANSITION_CASES * 2, prefix: 'Transition case' });
// As pgbench does: vacuum before measuring, or autovacuum works through the fresh rows
// during the first runs and takes CPU from whichever side is running.
await db.query('VACUUM ANALYZE');
log(`seeded in ${((Date.now() - began) / 1000).toFixed(1)} s`);

// Transition cases start in mediation.inSession, then alternate ADJOURN_SESSION / RESUME_SESSION.
const transitionCases = (await db.query(`SELECT c.id FROM cases c JOIN participants p ON p.case_id = c.id WHERE p.user_id = $1 ORDER BY c.id`, [transitionUser])).rows.map((r) => r.id);
const inSession = await (async () => {
  let { persisted } = await seedSnapshot();
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
// With --instances N, N api processes on the one database (as a horizontally scaled
// deployment runs), taking requests in turn.
const servers = [];
for (let i = 0; i < INSTANCES; i += 1) servers.push(await startBenchApi(url));
const client = graphqlClient(servers.map((server) => server.port), CONCURRENCY * 2);
const gql = client.gql;
const signIn = (email) => client.signIn(email, password);

// ---- 1. transitions/s -------------------------------------------------------------------
function cpuNow() {
  const own = process.cpuUsage();
  return { api: servers.reduce((sum, server) => sum + cpuOf(server.pid), 0), postgres: postgresCpu(), generator: (own.user + own.system) / 1e6 };
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

// ---- 2. the reminder scan ---------------------------------------------------------------
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
log(`reminder scan statement (${openDeadlines} open deadlines, ${scanned} in its window), 40 runs: p50 ${scan.p50.toFixed(1)} ms, p95 ${scan.p95.toFixed(1)} ms`);

client.close();
for (const server of servers) await server.stop();
await db.end();
await database.close();
