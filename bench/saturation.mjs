#!/usr/bin/env node
// Saturation benchmark (not a test), one command after `npm run build`:
//
//   node bench/saturation.mjs [--cases 200] [--seconds 15] [--clients 200] [--light 8] [--retry-at-once]
//                             [--configs 1|2|3] [--no-limits]
//
// Drives the api past capacity with heavy pipeline pages (`cases(first: 50)` with sides,
// issues, timeline and timelineIntegrity: a few batched statements and real CPU per page) and
// records, per phase:
//   floor       a trivial round trip (/healthz) at `--light` concurrency: what HTTP alone costs
//               (first configuration only)
//   light       the heavy page at `--light` concurrency: below capacity
//   saturated   the heavy page at `--clients` concurrency for `--seconds`, each client sending
//               its next request as soon as the last answered, a refused one after the
//               Retry-After it was given (--retry-at-once: at once, the worst case for the
//               gate); meanwhile /healthz every 100 ms
//   recovery    the first request after the load stopped, then `--light` concurrency again
// served and refused per second, p50/p99 of the served, the refusals' codes and statuses, and
// any other answer (which would be a failure: INTERNAL_SERVER_ERROR, a socket error).
//
// Runs three times: with the defaults (admission control and pool wait as shipped), with a
// wider gate (20 in flight, 40 queued), then "without admission" (GRAPHQL_MAX_IN_FLIGHT and the queue so large they never refuse, the pool's wait
// back at 5 s) to show what the gate changes. The api runs as its own process (as deployed),
// on its own database (DATABASE_URL when set, else an embedded PostgreSQL), dropped at the end.
// The rate limits count every request (PostgreSQL store) with budgets too large to refuse:
// all the load comes from one address. Last, what counting costs a trivial request: limits
// off, in PostgreSQL, in Redis (REDIS_URL, default redis://127.0.0.1:6379/0).
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { arg, benchDatabase, benchUser, BENCH_PASSWORD, log, pg, startApi as startBenchApi } from './support.mjs';

const CASES = arg('cases', 200);
const SECONDS = arg('seconds', 15);
const CLIENTS = arg('clients', 200);
const LIGHT = arg('light', 8);

const database = await benchDatabase();
const { url, name: dbName, embedded } = database;
const db = new pg.Pool({ connectionString: url, max: 4 });
db.on('error', () => undefined);

const [{ id: org }] = (await db.query(`INSERT INTO organisations (name) VALUES ('Bench') RETURNING id`)).rows;
const password = BENCH_PASSWORD;
await benchUser(db, org, 'saturation@bench.test', 'MEDIATOR');

// ---- the api ----------------------------------------------------------------------------
// The rate limits count every request with budgets too large to refuse, unless `extraEnv` says otherwise.
const startApi = (extraEnv) => startBenchApi(url, { RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_PER_ADDRESS: '1000000', ...extraEnv });

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + LIGHT + 4 });
/** One request: status, Retry-After, parsed body, milliseconds. Never rejects (a socket error is an answer too). */
function send(port, method, path, payload, token) {
  return new Promise((resolve) => {
    const started = performance.now();
    const body = payload ? Buffer.from(JSON.stringify(payload)) : null;
    const headers = body ? { 'content-type': 'application/json', 'content-length': body.length } : {};
    if (token) headers.authorization = `Bearer ${token}`;
    const request = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        let parsed = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // not JSON: reported as such
        }
        resolve({ status: response.statusCode, retryAfter: response.headers['retry-after'] ?? null, body: parsed, ms: performance.now() - started, reused: request.reusedSocket });
      });
    });
    request.on('error', (error) => resolve({ status: 0, error: error.code ?? error.message, ms: performance.now() - started }));
    request.end(body ?? undefined);
  });
}

const PAGE = `{ cases(first: 50) { edges { node { id caption state { resolution litigation } allowedEvents needsAttention nextDeadlineAt
  sides { label role } issues { id label } timeline { seq type } timelineIntegrity { intact rows } } } } }`;

/** What an answer was: served (200 with data, no error), refused (429/503 with a code and Retry-After), or other. */
function kind(answer) {
  if (answer.status === 200 && ((answer.body?.data && !answer.body.errors) || answer.body?.status === 'ok')) return 'served';
  const code = answer.body?.errors?.[0]?.extensions?.code;
  if ((answer.status === 503 || answer.status === 429) && code && answer.retryAfter) return `refused ${answer.status} ${code}`;
  return `other ${answer.status} ${code ?? answer.error ?? 'no code'}`;
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

const RETRY_AT_ONCE = process.argv.includes('--retry-at-once');

/**
 * `clients` closed-loop clients for `seconds`, each sending `request()` again as soon as it
 * answered; a refused one first waits the Retry-After it was given, as the api asks (with
 * --retry-at-once it does not: the worst case, every refused client spinning).
 */
async function drive(clients, seconds, request) {
  // This process's own event-loop delay: when it is large, the latencies below are partly the
  // load generator's (it shares the cores with the api and PostgreSQL).
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const answers = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const answer = await request();
        answers.push({ ...answer, at: performance.now() - started });
        if (!RETRY_AT_ONCE && answer.retryAfter && kind(answer).startsWith('refused')) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(Number(answer.retryAfter) * 1000, Math.max(0, end - performance.now()))));
        }
      }
    }),
  );
  lag.disable();
  return { answers, seconds: (performance.now() - started) / 1000, lagP99: lag.percentile(99) / 1e6 };
}

function summary(label, { answers, seconds, lagP99 }) {
  const byKind = {};
  for (const a of answers) byKind[kind(a)] = (byKind[kind(a)] ?? 0) + 1;
  const served = answers.filter((a) => kind(a) === 'served').map((a) => a.ms).sort((x, y) => x - y);
  const refused = answers.filter((a) => kind(a).startsWith('refused')).map((a) => a.ms).sort((x, y) => x - y);
  const row = {
    label,
    servedPerSecond: served.length / seconds,
    refusedPerSecond: refused.length / seconds,
    servedP50: pct(served, 50),
    servedP99: pct(served, 99),
    refusedP50: pct(refused, 50),
    refusedP99: pct(refused, 99),
    generatorLagP99: lagP99,
    kinds: byKind,
  };
  const f = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  log(
    `  ${label.padEnd(22)} served ${f(row.servedPerSecond).padStart(7)}/s  p50 ${f(row.servedP50).padStart(7)} ms  p99 ${f(row.servedP99).padStart(7)} ms` +
      `   refused ${f(row.refusedPerSecond).padStart(7)}/s  p50 ${f(row.refusedP50).padStart(6)} ms  p99 ${f(row.refusedP99).padStart(6)} ms   generator lag p99 ${f(lagP99)} ms   ${JSON.stringify(byKind)}`,
  );
  return row;
}

async function run(title, env, floor = false) {
  log(`\n${title} ${JSON.stringify(env)}`);
  const server = await startApi(env);
  const token = (await send(server.port, 'POST', '/graphql', { query: `mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, variables: { e: 'saturation@bench.test', p: password } })).body.data.signIn.token;
  const page = () => send(server.port, 'POST', '/graphql', { query: PAGE }, token);
  const health = () => send(server.port, 'GET', '/healthz');
  // Warm-up: JIT, prepared statements on the pool's connections.
  await drive(LIGHT, 3, page);
  const rows = [];
  if (floor) rows.push(summary('floor (/healthz)', await drive(LIGHT, 4, health)));
  rows.push(summary(`light (${LIGHT} clients)`, await drive(LIGHT, 6, page)));
  // The clients' connections first (one /healthz each): 200 connections opened in the same
  // instant take seconds on two busy cores, which would land on the first requests' latency.
  await Promise.all(Array.from({ length: CLIENTS }, health));
  // Saturated, with /healthz probed every 100 ms alongside.
  let probing = true;
  const probes = [];
  const probe = (async () => {
    while (probing) {
      probes.push(await health());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const saturated = await drive(CLIENTS, SECONDS, page);
  probing = false;
  await probe;
  rows.push(summary(`saturated (${CLIENTS} clients)`, saturated));
  const slow = saturated.answers.filter((a) => a.ms > 3000);
  if (slow.length) {
    log(`  answers slower than 3 s: ${slow.length} (${[...new Set(slow.map(kind))].join(', ')}; new connection: ${slow.filter((a) => !a.reused).length}; sent at ${[...new Set(slow.map((a) => Math.floor((a.at - a.ms) / 1000)))].join(',')} s)`);
  }
  const probeMs = probes.filter((p) => p.status === 200).map((p) => p.ms).sort((x, y) => x - y);
  log(`  /healthz while saturated: ${probeMs.length}/${probes.length} answered 200, p50 ${pct(probeMs, 50).toFixed(1)} ms, p99 ${pct(probeMs, 99).toFixed(1)} ms`);
  // Per second of the saturated phase: served and refused (to see it hold steady).
  const perSecond = [];
  for (const a of saturated.answers) {
    const s = Math.floor(a.at / 1000);
    perSecond[s] ??= { served: 0, refused: 0 };
    if (kind(a) === 'served') perSecond[s].served += 1;
    else if (kind(a).startsWith('refused')) perSecond[s].refused += 1;
  }
  log(`  per second (served/refused): ${perSecond.map((s) => `${s?.served ?? 0}/${s?.refused ?? 0}`).join(' ')}`);
  const first = await page();
  log(`  first request after the load: ${kind(first)} in ${first.ms.toFixed(1)} ms`);
  rows.push(summary(`recovery (${LIGHT} clients)`, await drive(LIGHT, 4, page)));
  await server.stop();
  return { title, env, rows, healthWhileSaturated: { answered: probeMs.length, probes: probes.length, p50: pct(probeMs, 50), p99: pct(probeMs, 99) }, first: { kind: kind(first), ms: first.ms } };
}

// ---- seed through the api (the case factory is the api's own) ----------------------------
{
  const server = await startApi({});
  const token = (await send(server.port, 'POST', '/graphql', { query: `mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, variables: { e: 'saturation@bench.test', p: password } })).body.data.signIn.token;
  log(`seeding ${CASES} cases…`);
  const CREATE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id } }`;
  for (let i = 0; i < CASES; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, CASES - i) }, (_, j) =>
        send(server.port, 'POST', '/graphql', {
          query: CREATE,
          variables: { input: { caption: `Saturation ${i + j}`, disputeType: 'CONTRACT', sides: [{ label: 'Acme Supply', role: 'CLAIMANT' }, { label: 'Beta Retail', role: 'RESPONDENT' }] } },
        }, token),
      ),
    );
  }
  await server.stop();
}

// ---- what the rate limits' store costs a trivial request -------------------------------
// `{ __typename }` anonymous (one count: the address) and `{ me { id } }` signed in (two: the
// address and the user), 8 clients, limits off, then each store.
async function limitCost(title, env) {
  const server = await startApi(env);
  const token = (await send(server.port, 'POST', '/graphql', { query: `mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, variables: { e: 'saturation@bench.test', p: password } })).body.data.signIn.token;
  const trivial = () => send(server.port, 'POST', '/graphql', { query: '{ __typename }' });
  const me = () => send(server.port, 'POST', '/graphql', { query: '{ me { id } }' }, token);
  await drive(LIGHT, 2, trivial);
  await drive(LIGHT, 1, me);
  log(`\nrate limits ${title}`);
  const rows = [summary('{ __typename }', await drive(LIGHT, 3, trivial)), summary('{ me { id } }', await drive(LIGHT, 3, me))];
  await server.stop();
  return { title, rows };
}

log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; PostgreSQL ${embedded ? 'embedded' : 'given'}`);
const results = [];
const CONFIGS = arg('configs', 3);
log(`clients refused ${RETRY_AT_ONCE ? 'retry at once' : 'wait the Retry-After they were given'}`);
results.push(await run('with admission control (defaults: pool 10, wait 2000 ms, 10 in flight, 10 queued)', {}, true));
if (CONFIGS > 1) results.push(await run('with a wider gate (20 in flight, 40 queued)', { GRAPHQL_MAX_IN_FLIGHT: '20', GRAPHQL_MAX_QUEUED: '40' }));
if (CONFIGS > 2) results.push(await run('without admission (in flight and queue unbounded, pool wait 5000 ms as before)', { GRAPHQL_MAX_IN_FLIGHT: '10000', GRAPHQL_MAX_QUEUED: '10000', DATABASE_POOL_WAIT_MS: '5000' }));
if (!process.argv.includes('--no-limits')) results.push(await limitCost('off', { RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_ADDRESS: '0' }));
if (!process.argv.includes('--no-limits')) results.push(await limitCost('in PostgreSQL (the default store)', {}));
if (!process.argv.includes('--no-limits')) results.push(await limitCost('in Redis', { RATE_LIMIT_STORE: 'redis', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0', REDIS_KEY_PREFIX: `impasse-bench-${dbName}` }));
if (process.argv.includes('--json')) log(JSON.stringify(results));

await db.end();
agent.destroy();
await database.close();
