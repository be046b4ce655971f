#!/usr/bin/env node
// The pipeline page against its floor, one command (after `npm run build`):
//
//   node bench/pipeline.mjs [--cases 100000] [--runs 5] [--rounds 100] [--warmup 200]
//
// Seeds N cases with a mediator (a deadline on about every tenth, as bench/cases.mjs does) and a
// program administrator holding the same N cases, then measures, in the same run, one request at
// a time:
//   page     the pipeline page through GraphQL, `cases(first: 50)` with sides, allowed events,
//            "needs attention", the next deadline and the viewer's roles;
//   me       a trivial GraphQL round trip with the same authentication, `{ me { id } }`;
//   sql      the best hand-written SQL for the same page on the same schema (the same rows in
//            the same order, with what the page shows that PostgreSQL can compute: the sides,
//            the next deadline, the attention reasons, the viewer's role), by `pg`;
//   app sql  the statement the api runs for the page, by `pg` (how much of the page is SQL).
// The floor is me + sql (p50s of the same run). Goal: the page's p50 ≤ 4× the floor. The
// measures run in rounds, each round every measure once in a rotating order, so a noisy
// neighbour on a shared machine hits them alike; RUNS runs of ROUNDS rounds, medians reported.
// Then the CPU each measure costs the api and PostgreSQL per request (from /proc), each alone.
//
// Uses DATABASE_URL when set, else an embedded PostgreSQL; always in a database of its own,
// dropped at the end (BENCH_KEEP=1 keeps it). BENCH_API_NODE_ARGS passes flags to the api's node.
import { arg, benchDatabase, benchUser, BENCH_PASSWORD, cpuOf, dist, graphqlClient, log, machineLine, median, percentile, pg, postgresCpu, seedCases, seedDeadlines, startApi } from './support.mjs';

const N = arg('cases', 100_000);
const RUNS = arg('runs', 5);
const ROUNDS = arg('rounds', 100);
const WARMUP = arg('warmup', 200);

const database = await benchDatabase();
const db = new pg.Pool({ connectionString: database.url, max: 4 });
db.on('error', () => undefined); // DROP DATABASE … WITH (FORCE) ends what is still open

log(`seeding ${N} cases…`);
const began = Date.now();
const [{ id: org }] = (await db.query(`INSERT INTO organisations (name) VALUES ('Bench') RETURNING id`)).rows;
const mediator = await benchUser(db, org, 'pipeline@bench.test', 'MEDIATOR');
const administrator = await benchUser(db, org, 'program@bench.test', 'PROGRAM_ADMIN');
await seedCases(db, { org, userId: mediator, count: N, prefix: 'Pipeline case' });
await seedDeadlines(db, mediator);
// The program administrator holds every one of those cases as program administrator only:
// their page sorts them all as 'infinity' (by id) and shows no deadline.
await db.query(`INSERT INTO participants (case_id, user_id, role) SELECT case_id, $2, 'PROGRAM_ADMIN' FROM participants WHERE user_id = $1`, [mediator, administrator]);
await db.query('VACUUM ANALYZE');
log(`seeded in ${((Date.now() - began) / 1000).toFixed(1)} s`);

const server = await startApi(database.url);
const client = graphqlClient([server.port], 4);

const PAGE = `{ cases(first: 50) { edges { node { id caption disputeType state { resolution litigation } allowedEvents needsAttention nextDeadlineAt sides { label role } myRoles { role } } } } }`;
const ME = `{ me { id } }`;
// Written by hand for this schema: the two ordered ranges (cases held in another role by next
// deadline and id, cases held as program administrator by id) merged, then what the page shows.
const HAND_WRITTEN = `
  WITH page AS (
    (SELECT c.id, COALESCE(c.next_deadline_at, 'infinity'::timestamptz) AS sort_key, false AS administered
       FROM cases c
      WHERE c.organisation_id = $2 AND EXISTS (SELECT FROM participants p WHERE p.case_id = c.id AND p.user_id = $1 AND p.role <> 'PROGRAM_ADMIN')
      ORDER BY COALESCE(c.next_deadline_at, 'infinity'::timestamptz), c.id LIMIT 50)
    UNION ALL
    (SELECT c.id, 'infinity'::timestamptz, true
       FROM participants p JOIN cases c ON c.id = p.case_id
      WHERE p.user_id = $1 AND p.role = 'PROGRAM_ADMIN' AND c.organisation_id = $2
      ORDER BY p.case_id LIMIT 50)
    ORDER BY sort_key, id LIMIT 50
  )
  SELECT c.id, c.caption, c.dispute_type, c.resolution_state, c.litigation_state,
         (SELECT p.role FROM participants p WHERE p.case_id = c.id AND p.user_id = $1) AS role,
         CASE WHEN NOT pg.administered THEN c.next_deadline_at END AS next_deadline_at,
         CASE WHEN pg.administered THEN '{}' ELSE array_remove(ARRAY[
           CASE WHEN (c.next_deadline_at < now() AND (SELECT true FROM deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL AND d.due_at < now() AND d.kind = 'NEXT_TOUCHPOINT' LIMIT 1))
                  OR (c.snapshot #>> '{context,assessment,outreach,touchpointDate}')::date < current_date THEN 'OVERDUE_TOUCHPOINT' END,
           CASE WHEN c.next_deadline_at <= now() + interval '7 days' THEN 'DEADLINE_WITHIN_7_DAYS' END,
           CASE WHEN c.resolution_state = 'impasse' AND jsonb_typeof(c.snapshot #> '{context,assessment,outreach}') IS DISTINCT FROM 'object' THEN 'IMPASSE_WITHOUT_OWNER' END,
           CASE WHEN (SELECT db.completed_at IS NULL AND db.due_at < now() FROM debriefs db WHERE db.case_id = c.id ORDER BY db.opened_at DESC, db.id LIMIT 1) THEN 'DEBRIEF_OVERDUE' END
         ], NULL) END AS needs_attention,
         (SELECT json_agg(json_build_object('label', s.label, 'role', s.role) ORDER BY s.position) FROM sides s WHERE s.case_id = c.id) AS sides
    FROM page pg JOIN cases c ON c.id = pg.id
   ORDER BY pg.sort_key, c.id`;
const { casesSql } = await dist('cases/case-sql.js');
const APP_SQL = casesSql({ where: [], cursor: null, limit: '$3' });

const viewers = [];
for (const [label, userId, email] of [
  ['mediator', mediator, 'pipeline@bench.test'],
  ['program administrator', administrator, 'program@bench.test'],
]) {
  const token = await client.signIn(email, BENCH_PASSWORD);
  const expected = (await db.query(HAND_WRITTEN, [userId, org])).rows.map((r) => r.id);
  viewers.push({
    label,
    measures: {
      page: async () => {
        const result = await client.gql(PAGE, {}, token);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        const ids = result.data.cases.edges.map((e) => e.node.id);
        if (ids.join() !== expected.join()) throw new Error(`${label}: the page differs from the hand-written SQL's`);
      },
      me: async () => {
        const result = await client.gql(ME, {}, token);
        if (result.errors || result.data.me.id !== userId) throw new Error(JSON.stringify(result.errors ?? result.data));
      },
      sql: () => db.query(HAND_WRITTEN, [userId, org]),
      'app sql': () => db.query(APP_SQL, [userId, org, 51]),
    },
  });
}

async function runOnce(measures, rounds) {
  const names = Object.keys(measures);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length];
      const t0 = performance.now();
      await measures[name]();
      samples[name].push(performance.now() - t0);
    }
  }
  return samples;
}

/**
 * CPU milliseconds per request of one measure alone (`count` in a row): the api's process and
 * this database's PostgreSQL backends (those present at the end, from zero if new). Less moved by
 * a busy machine than latency: time spent waiting for a core is not counted.
 */
async function cpuPer(measure, count) {
  // The backends of this database only: the server may be shared with other work.
  const backends = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid);
  const before = { api: cpuOf(server.pid), postgres: postgresCpu(await backends()) };
  for (let i = 0; i < count; i += 1) await measure();
  const after = { api: cpuOf(server.pid), postgres: postgresCpu(await backends()) };
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  return { api: ((after.api - before.api) * 1000) / count, postgres: (postgres * 1000) / count };
}

const results = [];
for (const viewer of viewers) {
  await runOnce(viewer.measures, WARMUP); // the api's JIT, both pools, PostgreSQL's caches
  const runs = [];
  for (let r = 0; r < RUNS; r += 1) runs.push(await runOnce(viewer.measures, ROUNDS));
  const cpu = {};
  for (const [name, measure] of Object.entries(viewer.measures)) cpu[name] = await cpuPer(measure, ROUNDS * 2);
  results.push({ viewer, runs, cpu });
}

// ---- report -----------------------------------------------------------------------------
const ms = (x) => `${x.toFixed(2)} ms`;
log(`\nmachine: ${machineLine(database.embedded)}`);
log(`pipeline page, 50 of ${N} cases; ${RUNS} runs of ${ROUNDS} rounds after ${WARMUP} rounds of warm-up, one request at a time:`);
for (const { viewer, runs, cpu } of results) {
  const p50 = (name) => runs.map((run) => median(run[name]));
  const pooled = (name) => runs.flatMap((run) => run[name]);
  log(`  ${viewer.label}:`);
  for (const name of Object.keys(viewer.measures)) {
    log(
      `    ${name.padEnd(8)} p50 ${ms(median(p50(name)))} (runs: ${p50(name).map((x) => x.toFixed(2)).join(', ')}), p95 ${ms(percentile(pooled(name), 95))}; ` +
        `CPU per request: api ${ms(cpu[name].api)}, PostgreSQL ${ms(cpu[name].postgres)}`,
    );
  }
  const cpuFloor = cpu.me.api + cpu.me.postgres + cpu.sql.postgres;
  log(`    CPU: page ${ms(cpu.page.api + cpu.page.postgres)} against me + sql ${ms(cpuFloor)} (${((cpu.page.api + cpu.page.postgres) / cpuFloor).toFixed(2)}×)`);
  const ratios = runs.map((run) => median(run.page) / (median(run.me) + median(run.sql)));
  const ratio = median(ratios);
  log(`    floor (me + sql) p50 ${ms(median(p50('me')) + median(p50('sql')))}; page / floor ${ratio.toFixed(2)}× (runs: ${ratios.map((x) => x.toFixed(2)).join(', ')}); goal ≤ 4×: ${ratio <= 4 ? 'met' : 'NOT met'}`);
}

client.close();
await server.stop();
await db.end();
await database.close();
