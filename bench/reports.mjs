#!/usr/bin/env node
// Court program reports at the scale of a state's courts, one command (after a build):
//
//   node bench/reports.mjs [--cases 1000000] [--events 10000000] [--programs 20] [--years 10]
//                          [--runs 7] [--reuse] [--verify-rounds] [--database impasse_bench_reports]
//
// A quick run at 1%: `--cases 10000 --events 100000 --verify-rounds`.
//
// 1. Seeds a database of its own (DATABASE_URL's server, database `impasse_bench_reports`
//    unless --database says otherwise): N cases with about E timeline rows across P court
//    programs (one organisation each, of very different sizes: program i gets a share
//    proportional to 1/√i) over Y years ending 2026-11-30. Each case follows a story sampled
//    from the statechart's paths: its referral (a case type, a referral source, court-ordered
//    or voluntary), its mediator (the one who opened it, or one the program administrator
//    proposed and who was accepted), sessions held or not held (with the NCSC reasons),
//    adjournments, outcomes, impasses with their assessment and where they went next
//    (negotiation, mediation again, a settlement conference, early neutral evaluation, a
//    mediator's proposal, arbitration, litigation and what a court did there), settlements
//    signed; a story not finished by the end date is pending. Record edits (issues, sessions,
//    deadlines, invitations, playbook items) fill the timelines up to E rows; each stall reason
//    recorded is a row of stall_reason_records, as the transition writes it.
//    The seed is set-based SQL (generate_series, INSERT … SELECT), never the api, in batches of
//    100 000 cases. It runs with `session_replication_role = replica`, so the timeline's
//    append-only triggers, its `program_rounds` trigger and the foreign keys do not fire row
//    by row; the timeline rows carry placeholder hashes (no hash chain and no seal: the
//    verifier would reject them; no report reads them). `program_rounds` is then built by one
//    set-based statement equivalent to the trigger (`ROUNDS_SQL` below) and their report facts
//    by the RoundReportFacts migration's set-based backfill; --verify-rounds replays both
//    triggers' own functions row by row over the same timeline (as the ProgramRounds migration's
//    `replayProgramRounds` does) and stops unless both give the same rounds (for the 1% run).
//    A program administrator per program (org role PROGRAM_ADMIN) signs in to the api.
//    The parameters are stored in the database: with --reuse, a database already seeded with
//    the same ones is reused (migrations still run, so a new one is measured at scale); without
//    it, or with other parameters, it is dropped and seeded again.
// 2. For the biggest program, a full year (2025) and ten years (2016-12-01 to 2026-11-30), each
//    report (REPORTS below: a named entry each, easy to add to) is timed through GraphQL (HTTP
//    to the api, its own process as deployed: `node dist/cli/start.js`, JOBS=off, signed in as
//    the program's administrator) against the bare SQL a DBA would write by hand for the same
//    figures (plain GROUP BYs over the program's rounds, cases and timeline; not the
//    product's SQL), run one after another on one connection; and each of the product's own
//    statements against the hand-written one for its figure. Medians of --runs runs,
//    alternating. Goal: GraphQL ≤ 1.5× the hand-written SQL.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'apps', 'api');
const requireApi = createRequire(join(api, 'package.json'));
const pg = requireApi('pg');
const dist = (p) => import(pathToFileURL(join(api, 'dist', p)).href);
const { createDataSource } = await dist('database/data-source.js');
const { hashPassword } = await dist('auth/passwords.js');
const { backfillRoundFacts } = await dist('database/migrations/1765130000000-RoundReportFacts.js');
const { CASELOAD_SQL } = await dist('reporting/caseload.js');
const { OUTCOME_COUNTS_SQL, DAYS_SQL, NEXT_STEPS_SQL } = await dist('reporting/figures.js');
const { MEDIATORS_SQL } = await dist('reporting/mediators.js');
const { TREND_SQL, trendUnit } = await dist('reporting/trend.js');
const { STALL_SQL } = await dist('reporting/stalls.js');
const machine = await import(pathToFileURL(requireApi.resolve('@impasse/case-machine')).href);

const flag = (name) => process.argv.includes(`--${name}`);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const P = {
  cases: Number(arg('cases', 1_000_000)),
  events: Number(arg('events', 10_000_000)),
  programs: Number(arg('programs', 20)),
  years: Number(arg('years', 10)),
  end: '2026-11-30',
  // 2: rounds stored in referral order, as a live table holds them (interleaved across programs);
  // 3: stall reasons recorded (stall_reason_records), their timeline rows' payload empty.
  seedVersion: 3,
};
const RUNS = Number(arg('runs', 7));
const DB_NAME = arg('database', 'impasse_bench_reports');
const BATCH = 100_000;
const PASSWORD = 'bench-password';
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error('--database: a plain lower-case name');

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('DATABASE_URL: the PostgreSQL server to seed (a role that may create databases and set session_replication_role)');
const withDb = (url, name) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const url = withDb(adminUrl, DB_NAME);
const log = (...a) => console.log(...a);
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

// ---- the stories ------------------------------------------------------------------------
/** mulberry32: the stories are the same on every run. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One case's path through the statechart, each step with its day after the referral date
 * (scaled per case when seeded). Resolution states as the machine names them.
 */
function sampleStory(rand) {
  const steps = [];
  let res = null;
  let lit = 'notFiled';
  let day = 0;
  const between = (a, b) => a + Math.floor(rand() * (b - a + 1));
  const pick = (items) => {
    let roll = rand() * items.reduce((n, [, w]) => n + w, 0);
    for (const [value, weight] of items) if ((roll -= weight) < 0) return value;
    return items.at(-1)[0];
  };
  const go = (type, to, gap, payload = {}, toLit = lit) => {
    day += gap;
    steps.push({ type, from: res, to, fromLit: lit, toLit, payload, day });
    res = to;
    lit = toLit;
  };
  const settle = () => {
    go('SIGN_AGREEMENT', 'agreement', between(0, 5));
    go('SIGN_AGREEMENT', 'resolved.settled', between(0, 10));
  };
  const litigation = (depth) => {
    go('FILE_SUIT', 'litigating', between(5, 40), {}, 'pleadings');
    const next = pick([['judgment', 35], ['ordered', depth < 3 ? 20 : 0], ['negotiation', 15], ['dismissed', 10], ['ongoing', 20]]);
    if (next === 'judgment') {
      go('ADVANCE_LITIGATION', 'litigating', between(30, 200), {}, 'discovery');
      go('ENTER_JUDGMENT', 'resolved.judgment', between(30, 300), {}, 'judgment');
    } else if (next === 'ordered') {
      go('ORDER_ADR', 'mediation.scheduled', between(20, 150), { process: 'MEDIATION' });
      mediation(depth + 1);
    } else if (next === 'negotiation') {
      go('START_NEGOTIATION', 'negotiation', between(10, 90));
      go('RECORD_SETTLEMENT', 'agreement', between(5, 60));
      settle();
    } else if (next === 'dismissed') go('DISMISS_CASE', 'resolved.dismissed', between(20, 200));
  };
  const adr = (depth) => {
    if (rand() < 0.5) {
      go('RECORD_ADR_OUTCOME', 'agreement', between(10, 60), { outcome: 'SETTLED' });
      settle();
    } else {
      go('RECORD_ADR_OUTCOME', 'impasse', between(10, 60), { outcome: 'NO_AGREEMENT' });
      if (rand() < 0.5) {
        go('PURSUE_LITIGATION', 'litigating', between(5, 40));
        litigation(depth);
      }
    }
  };
  const impasse = (depth) => {
    // Its payload is confidential (empty on the timeline); the reason goes to stall_reason_records.
    go('RECORD_STALL_REASON', 'impasse', between(0, 5));
    go('ASSIGN_OUTREACH_OWNER', 'impasse', between(0, 3));
    const next = pick([['NEGOTIATION', 25], ['REMEDIATE', depth < 3 ? 15 : 0], ['SETTLEMENT_CONFERENCE', 10], ['EARLY_NEUTRAL_EVALUATION', 5], ['MEDIATORS_PROPOSAL', 6], ['ARBITRATION', 4], ['LITIGATION', 25], ['STAY', 10]]);
    const gap = between(3, 45);
    if (next === 'NEGOTIATION') {
      go('START_NEGOTIATION', 'negotiation', gap);
      if (rand() < 0.55) {
        go('RECORD_SETTLEMENT', 'agreement', between(5, 60));
        settle();
      } else {
        go('END_NEGOTIATION', 'impasse', between(10, 60));
        go('PURSUE_LITIGATION', 'litigating', between(5, 40));
        litigation(depth);
      }
    } else if (next === 'REMEDIATE') {
      go('REMEDIATE', 'mediation.scheduled', gap);
      mediation(depth + 1);
    } else if (next === 'SETTLEMENT_CONFERENCE') {
      go('SCHEDULE_SETTLEMENT_CONFERENCE', 'adr.settlementConference', gap);
      adr(depth);
    } else if (next === 'EARLY_NEUTRAL_EVALUATION') {
      go('SCHEDULE_EARLY_NEUTRAL_EVALUATION', 'adr.earlyNeutralEvaluation', gap);
      adr(depth);
    } else if (next === 'MEDIATORS_PROPOSAL') {
      go('ISSUE_MEDIATORS_PROPOSAL', 'adr.mediatorsProposal', gap);
      if (rand() < 0.45) {
        go('ANSWER_PROPOSAL', 'adr.mediatorsProposal', between(1, 10));
        go('ANSWER_PROPOSAL', 'agreement', between(0, 10));
        settle();
      } else go('CLOSE_PROPOSAL', 'impasse', between(10, 20));
    } else if (next === 'ARBITRATION') {
      go('START_ARBITRATION', 'adr.arbitration', gap, { binding: true });
      go('RECORD_AWARD', 'resolved.award', between(30, 120));
    } else if (next === 'LITIGATION') {
      go('PURSUE_LITIGATION', 'litigating', gap);
      litigation(depth);
    }
  };
  const notHeld = (depth) => {
    const next = pick([['reschedule', depth < 3 ? 40 : 0], ['litigation', 30], ['withdrawn', 20], ['stay', 10]]);
    if (next === 'reschedule') {
      go('SCHEDULE_MEDIATION', 'mediation.scheduled', between(10, 60));
      mediation(depth + 1);
    } else if (next === 'litigation') {
      go('PURSUE_LITIGATION', 'litigating', between(5, 60));
      litigation(depth);
    } else if (next === 'withdrawn') go('WITHDRAW_SIDE', 'resolved.withdrawn', between(5, 90));
  };
  const reason = () => pick([['NO_RESPONSE', 5], ['PRIOR_SETTLEMENT', 3], ['INAPPROPRIATE_FOR_ADR', 2], ['OTHER', 1]]);
  const notHeldFor = (why, depth) => {
    if (why === 'PRIOR_SETTLEMENT') {
      go('RECORD_SESSION_NOT_HELD', 'agreement', between(3, 40), { reason: why });
      settle();
    } else {
      go('RECORD_SESSION_NOT_HELD', 'mediation.notHeld', between(3, 40), { reason: why });
      notHeld(depth);
    }
  };
  /** A round of mediation, from intake or from a scheduled session. */
  const mediation = (depth) => {
    if (res === 'intake') {
      const first = pick([['schedule', 84], ['returned', 5], ['closed', 4], ['notHeld', 7]]);
      if (first === 'returned') {
        const process = pick([['SETTLEMENT_CONFERENCE', 3], ['EARLY_NEUTRAL_EVALUATION', 2], ['NON_BINDING_ARBITRATION', 1]]);
        const to = { SETTLEMENT_CONFERENCE: 'adr.settlementConference', EARLY_NEUTRAL_EVALUATION: 'adr.earlyNeutralEvaluation', NON_BINDING_ARBITRATION: 'adr.arbitration' }[process];
        go('ORDER_ADR', to, between(5, 40), { process });
        if (process === 'NON_BINDING_ARBITRATION') go('RECORD_AWARD', 'resolved.award', between(30, 120));
        else adr(depth);
        return;
      }
      if (first === 'closed') return go('WITHDRAW_SIDE', 'resolved.withdrawn', between(5, 60));
      if (first === 'notHeld') return notHeldFor(reason(), depth);
      go('SCHEDULE_MEDIATION', 'mediation.scheduled', between(3, 30));
    }
    const then = pick([['held', 78], ['notHeld', 15], ['closed', 3], ['pending', 1]]);
    if (then === 'notHeld') return notHeldFor(reason(), depth);
    if (then === 'closed') return rand() < 0.5 ? go('WITHDRAW_SIDE', 'resolved.withdrawn', between(5, 60)) : go('DISMISS_CASE', 'resolved.dismissed', between(5, 60));
    if (then === 'pending') return;
    go('START_SESSION', 'mediation.inSession', between(7, 60));
    if (rand() < 0.25) {
      go('ADJOURN_SESSION', 'mediation.adjourned', 0);
      go('RESUME_SESSION', 'mediation.inSession', between(3, 21));
    }
    const outcome = pick([['SETTLED', 45], ['PARTIAL_AGREEMENT', 12], ['NO_AGREEMENT', 38], ['WITHDRAWN', 5]]);
    if (outcome === 'WITHDRAWN') return go('WITHDRAW_SIDE', 'resolved.withdrawn', 0);
    if (outcome === 'SETTLED') {
      go('RECORD_OUTCOME', 'agreement', 0, { outcome });
      return settle();
    }
    go('RECORD_OUTCOME', 'impasse', 0, { outcome });
    impasse(depth);
  };
  go('CASE_OPENED', 'intake', between(0, 14));
  mediation(1);
  return steps;
}

const STORIES = 4000;
const stories = (() => {
  const rand = random(20261204);
  return Array.from({ length: STORIES }, () => sampleStory(rand));
})();
const meanSteps = stories.reduce((n, s) => n + s.length, 0) / STORIES;

/** Record edits that fill a timeline between its transitions (they do not move the state). */
const FILLERS = ['ISSUE_EDITED', 'SESSION_SCHEDULED', 'SESSION_CHANGED', 'ATTENDANCE_RECORDED', 'DEADLINE_ADDED', 'DEADLINE_CHANGED', 'DEADLINE_DONE', 'PLAYBOOK_ITEM_DONE', 'PARTICIPANT_INVITED', 'INVITATION_ACCEPTED'];
const TIME_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix', 'America/Anchorage', 'Pacific/Honolulu', 'America/Detroit'];
const DISPUTE_TYPES = [['PERSONAL_INJURY', 30], ['CONTRACT', 20], ['FAMILY', 22], ['REAL_PROPERTY', 8], ['EMPLOYMENT', 6], ['PROBATE_ESTATE', 5], ['BUSINESS', 4], ['OTHER_CIVIL', 5]];
const STALL_REASONS = [['LACKED_INFORMATION', 5], ['UNREALISTIC_EXPECTATIONS', 4], ['NO_AUTHORITY_PRESENT', 2], ['POSTURING', 3], ['MEDIATOR_FIT', 1], ['EMOTIONS', 3], ['TIMING', 2], ['OTHER', 1]];
const REFERRAL_SOURCES = [['COURT_ORDER', 50], ['JUDGE_REFERRAL', 20], ['ATTORNEY', 12], ['SELF', 8], ['AGENCY', 4], ['OTHER', 2], [null, 4]];
/** SQL: a pick from weighted items, by one random() draw. */
const weightedSql = (items) => {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let sum = 0;
  const bounds = items.map(([, w]) => {
    const lower = sum / total;
    sum += w;
    return lower;
  });
  const literal = (v) => (v === null ? 'NULL' : `'${v}'`);
  return `(ARRAY[${items.map(([v]) => literal(v)).join(', ')}]::text[])[width_bucket(random(), ARRAY[${bounds.join(', ')}]::float8[])]`;
};

// ---- the database -----------------------------------------------------------------------
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rowCount > 0;
let reuse = false;
if (exists && flag('reuse')) {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    const [row] = (await probe.query(`SELECT value FROM bench.params WHERE key = 'params'`)).rows;
    reuse = row?.value === JSON.stringify(P);
    if (!reuse) log(`${DB_NAME} was seeded with other parameters (${row?.value ?? 'none'}): seeding again`);
  } catch {
    log(`${DB_NAME} has no finished seed: seeding again`);
  } finally {
    await probe.end();
  }
}
if (!reuse) {
  if (exists) await admin.query(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
}
await admin.end();

const migrating = Date.now();
const migrator = createDataSource({ url });
await migrator.initialize();
await migrator.runMigrations({ transaction: 'each' });
await migrator.destroy();
if (reuse) log(`reusing ${DB_NAME} (seeded with these parameters); migrations ${seconds(migrating)} s`);
if (reuse) {
  // As autovacuum would after a migration that rewrote rows (a backfill), before measuring.
  const vacuuming = Date.now();
  const vacuum = new pg.Client({ connectionString: url });
  await vacuum.connect();
  await vacuum.query('VACUUM ANALYZE');
  await vacuum.end();
  log(`VACUUM ANALYZE in ${seconds(vacuuming)} s`);
}

const db = new pg.Client({ connectionString: url });
await db.connect();
const q = (sql, params) => db.query(sql, params);

/**
 * `program_rounds` from the timeline in one statement, by the trigger's rule
 * (`program_rounds_follow` in the ProgramRounds migration): the rows that enter the mediation
 * track from outside open a round, numbered in timeline order; the next row that leaves it
 * closes that round; a START_SESSION inside it marks the session held; the disposition is the
 * trigger's, from the closing row.
 */
const ROUNDS_SQL = `
  WITH moves AS (
    SELECT e.case_id, e.seq, e.type, e.created_at, e.payload->>'outcome' AS outcome, e.payload->>'reason' AS reason,
           e.to_state->>'resolution' AS to_res,
           COALESCE((e.from_state->>'resolution') = ANY (t.track), false) AS was_in,
           (e.to_state->>'resolution') = ANY (t.track) AS now_in
      FROM case_events e,
           (SELECT ARRAY['intake', 'mediation.scheduled', 'mediation.inSession', 'mediation.adjourned'] AS track) t
  ), relevant AS (
    SELECT m.*, count(*) FILTER (WHERE m.now_in AND NOT m.was_in) OVER (PARTITION BY m.case_id ORDER BY m.seq) AS round
      FROM moves m
     WHERE m.was_in <> m.now_in OR (m.was_in AND m.now_in AND m.type = 'START_SESSION')
  ), rounds AS (
    SELECT r.case_id, r.round,
           min(r.seq) FILTER (WHERE r.now_in AND NOT r.was_in) AS opened_seq,
           bool_or(r.type = 'CASE_OPENED' AND r.now_in AND NOT r.was_in) AS first_referral,
           min(r.created_at) FILTER (WHERE r.now_in AND NOT r.was_in) AS opened_at,
           bool_or(r.was_in AND r.now_in) AS session_held,
           min(r.seq) FILTER (WHERE r.was_in AND NOT r.now_in) AS closed_seq,
           min(r.created_at) FILTER (WHERE r.was_in AND NOT r.now_in) AS closed_at,
           min(r.type) FILTER (WHERE r.was_in AND NOT r.now_in) AS closed_by,
           min(r.outcome) FILTER (WHERE r.was_in AND NOT r.now_in) AS outcome,
           min(r.reason) FILTER (WHERE r.was_in AND NOT r.now_in) AS reason,
           min(r.to_res) FILTER (WHERE r.was_in AND NOT r.now_in) AS closed_to
      FROM relevant r WHERE r.round > 0 GROUP BY r.case_id, r.round
  ), dated AS (
    SELECT r.*, c.program_id,
           CASE WHEN r.first_referral THEN COALESCE(c.referral_date, (r.opened_at AT TIME ZONE p.time_zone)::date)
                ELSE (r.opened_at AT TIME ZONE p.time_zone)::date END AS referred_on,
           (r.closed_at AT TIME ZONE p.time_zone)::date AS closed_on
      FROM rounds r JOIN cases c ON c.id = r.case_id JOIN programs p ON p.id = c.program_id
  )
  INSERT INTO program_rounds (case_id, program_id, round, referred_on, opened_seq, session_held, disposed_on, disposition, closed_seq)
  SELECT case_id, program_id, round, referred_on, opened_seq, session_held,
         CASE WHEN closed_seq IS NOT NULL THEN GREATEST(closed_on, referred_on) END,
         CASE WHEN closed_seq IS NULL THEN NULL
              WHEN closed_by = 'RECORD_OUTCOME' THEN CASE outcome WHEN 'SETTLED' THEN 'SETTLED' WHEN 'PARTIAL_AGREEMENT' THEN 'SETTLED_IN_PART' ELSE 'NOT_SETTLED' END
              WHEN closed_by = 'RECORD_SESSION_NOT_HELD' THEN CASE reason WHEN 'PRIOR_SETTLEMENT' THEN 'NOT_HELD_PRIOR_SETTLEMENT'
                   WHEN 'INAPPROPRIATE_FOR_ADR' THEN 'NOT_HELD_INAPPROPRIATE_FOR_ADR' WHEN 'NO_RESPONSE' THEN 'NOT_HELD_NO_RESPONSE' ELSE 'NOT_HELD_OTHER' END
              WHEN session_held THEN 'HELD_OTHER'
              WHEN closed_to = 'resolved.settled' THEN 'NOT_HELD_PRIOR_SETTLEMENT'
              WHEN closed_to LIKE 'resolved.%' THEN 'NOT_HELD_OTHER'
              ELSE 'RETURNED_TO_DOCKET' END,
         closed_seq
    FROM dated ORDER BY referred_on, case_id`;

/** Drops a table's indexes (and the constraints behind them) and returns the statements that make them again. */
async function dropIndexes(table) {
  const { rows: constraints } = await q(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
    [table],
  );
  const { rows: indexes } = await q(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [table],
  );
  // Foreign keys of other tables on these constraints (stall reasons name their timeline row).
  const { rows: referencing } = await q(
    `SELECT conname, conrelid::regclass::text AS child, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f'`,
    [table],
  );
  for (const f of referencing) await q(`ALTER TABLE ${f.child} DROP CONSTRAINT "${f.conname}"`);
  for (const c of constraints) await q(`ALTER TABLE ${table} DROP CONSTRAINT "${c.conname}"`);
  for (const i of indexes) await q(`DROP INDEX "${i.name}"`);
  return [
    ...constraints.map((c) => `ALTER TABLE ${table} ADD CONSTRAINT "${c.conname}" ${c.def}`),
    ...indexes.map((i) => i.def),
    ...referencing.map((f) => `ALTER TABLE ${f.child} ADD CONSTRAINT "${f.conname}" ${f.def}`),
  ];
}

const timings = {};
async function seed() {
  const began = Date.now();
  const end = P.end;
  const days = Math.round(P.years * 365.25);
  await q(`SET session_replication_role = replica`);
  await q(`SET work_mem = '256MB'`);
  await q(`SET maintenance_work_mem = '1GB'`);
  await q(`SELECT setseed(0.2026)`);
  await q(`DROP SCHEMA IF EXISTS bench CASCADE`);
  await q(`CREATE SCHEMA bench`);
  await q(`CREATE TABLE bench.params (key text PRIMARY KEY, value text NOT NULL)`);

  // The stories, one row per step.
  await q(`CREATE UNLOGGED TABLE bench.steps (story int, ord int, type text, from_res text, to_res text, from_lit text, to_lit text, payload jsonb, day_off int, PRIMARY KEY (story, ord))`);
  const stepRows = stories.flatMap((steps, story) => steps.map((s, i) => [story, i + 1, s.type, s.from, s.to, s.fromLit, s.toLit, JSON.stringify(s.payload), s.day]));
  for (let i = 0; i < stepRows.length; i += 5000) {
    await q(
      `INSERT INTO bench.steps SELECT * FROM json_populate_recordset(NULL::bench.steps, $1)`,
      [JSON.stringify(stepRows.slice(i, i + 5000).map(([story, ord, type, from_res, to_res, from_lit, to_lit, payload, day_off]) => ({ story, ord, type, from_res, to_res, from_lit, to_lit, payload: JSON.parse(payload), day_off })))],
    );
  }

  // Programs (one organisation each), their administrators and mediators.
  const weights = Array.from({ length: P.programs }, (_, i) => 1 / Math.sqrt(i + 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const programCases = weights.map((w) => Math.round((w / totalWeight) * P.cases));
  await q(`CREATE TABLE bench.programs (p int PRIMARY KEY, id uuid, organisation_id uuid, time_zone text, mediators int, lower_bound float8, pa uuid)`);
  let lower = 0;
  for (let p = 1; p <= P.programs; p += 1) {
    const mediators = Math.max(3, Math.round(programCases[p - 1] / 1500));
    await q(`INSERT INTO bench.programs VALUES ($1::int, gen_random_uuid(), md5('bench-org-' || $1::int)::uuid, $2, $3, $4, md5('bench-pa-' || $1::int)::uuid)`, [
      p,
      TIME_ZONES[(p - 1) % TIME_ZONES.length],
      mediators,
      lower,
    ]);
    lower += weights[p - 1] / totalWeight;
  }
  const passwordHash = await hashPassword(PASSWORD);
  await q(`INSERT INTO organisations (id, name) SELECT organisation_id, 'Judicial circuit ' || p FROM bench.programs`);
  await q(`INSERT INTO programs (id, organisation_id, name, time_zone) SELECT id, organisation_id, 'Circuit ' || p || ' civil ADR program', time_zone FROM bench.programs`);
  await q(`INSERT INTO users (id, organisation_id, email, display_name, password_hash, org_role)
           SELECT pa, organisation_id, 'pa' || p || '@bench.test', 'Program administrator ' || p, $1, 'PROGRAM_ADMIN' FROM bench.programs`, [passwordHash]);
  await q(`INSERT INTO users (id, organisation_id, email, display_name, password_hash, org_role)
           SELECT md5('bench-mediator-' || p || '-' || i)::uuid, organisation_id, 'mediator' || p || '-' || i || '@bench.test', 'Mediator ' || p || '-' || i, $1, 'MEDIATOR'
             FROM bench.programs, generate_series(1, mediators) i`, [passwordHash]);

  // The cases' draws: program, referral date, story, pace, who opened it, how many record edits.
  const paOpened = 0.4;
  const bounds = `ARRAY[${weights.map((_, i) => weights.slice(0, i).reduce((a, b) => a + b, 0) / totalWeight).join(', ')}]::float8[]`;
  await q(`CREATE UNLOGGED TABLE bench.case_story AS
    SELECT n, md5('bench-case-' || n)::uuid AS id, p.p AS program, p.id AS program_id, p.organisation_id, p.time_zone, p.pa,
           md5('bench-mediator-' || p.p || '-' || (1 + floor(random() * p.mediators)::int))::uuid AS mediator,
           d.story, d.scale, d.referral_date, d.pa_opened, d.dispute_type, d.referral_source,
           0 AS fillers
      FROM generate_series(1, $1::int) n
     CROSS JOIN LATERAL (SELECT width_bucket(random() + n * 0, ${bounds}) AS p) pick
      JOIN bench.programs p ON p.p = pick.p
     CROSS JOIN LATERAL (SELECT floor(random() * ${STORIES})::int + n * 0 AS story,
                                0.6 + random() * 0.9 AS scale,
                                ($2::date - $3::int + floor(power(random(), 0.85) * $3)::int) AS referral_date,
                                random() < ${paOpened} AS pa_opened,
                                ${weightedSql(DISPUTE_TYPES)} AS dispute_type,
                                ${weightedSql(REFERRAL_SOURCES)} AS referral_source) d`, [P.cases, end, days]);
  await q(`ALTER TABLE bench.case_story ADD PRIMARY KEY (n)`);
  // Steps kept: those before the end date (a story not finished by then is pending).
  await q(`ALTER TABLE bench.case_story ADD COLUMN kept int`);
  await q(`UPDATE bench.case_story cs SET kept = (SELECT max(s.ord) FROM bench.steps s WHERE s.story = cs.story AND (s.ord = 1 OR cs.referral_date + round(s.day_off * cs.scale)::int < $1::date))`, [end]);
  // Record edits: as many as make the timelines add up to the rows asked for.
  const [{ transitions, opened }] = (await q(`SELECT sum(kept)::float8 AS transitions, count(*) FILTER (WHERE pa_opened)::float8 AS opened FROM bench.case_story`)).rows;
  const fillersPerCase = Math.max(0, (P.events - transitions - 2 * opened) / P.cases);
  log(`stories: ${STORIES}, ${(transitions / P.cases).toFixed(2)} transitions per case (${meanSteps.toFixed(2)} with every story finished); record edits per case ${fillersPerCase.toFixed(2)}`);
  await q(`UPDATE bench.case_story SET fillers = floor($1 + random())::int`, [fillersPerCase]);
  await q(`ANALYZE bench.case_story`);

  const sample = machine.createCase({ sides: [{ id: '00000000-0000-4000-8000-00000000000a', label: 'Claimant' }, { id: '00000000-0000-4000-8000-00000000000b', label: 'Respondent' }] });
  const rebuildEvents = await dropIndexes('case_events');
  const state = (res, lit) => `jsonb_build_object('resolution', ${res}, 'litigation', ${lit}, 'done', ${res} LIKE 'resolved.%')`;
  for (let from = 1; from <= P.cases; from += BATCH) {
    const to = Math.min(P.cases, from + BATCH - 1);
    const batchBegan = Date.now();
    // Transitions, dated: the day after the referral (scaled), at a time of day that keeps their order.
    await q('BEGIN');
    await q(`CREATE TEMPORARY TABLE st ON COMMIT DROP AS
      SELECT cs.n, s.ord, s.type, s.from_res, s.to_res, s.from_lit, s.to_lit, s.payload,
             ((LEAST(cs.referral_date + round(s.day_off * cs.scale)::int, $3::date - 1) + time '09:00' + s.ord * interval '10 minutes' + random() * interval '9 minutes') AT TIME ZONE cs.time_zone) AS at
        FROM bench.case_story cs JOIN bench.steps s ON s.story = cs.story AND s.ord <= cs.kept
       WHERE cs.n BETWEEN $1 AND $2`, [from, to, end]);
    await q(`CREATE TEMPORARY TABLE st2 ON COMMIT DROP AS
      SELECT st.*, COALESCE(lead(st.at) OVER w, LEAST(st.at + interval '7 days', ($1::date + time '23:59') AT TIME ZONE 'UTC')) AS next_at
        FROM st WINDOW w AS (PARTITION BY st.n ORDER BY st.ord)`, [end]);
    await q(`CREATE INDEX ON st2 (n, ord)`);
    await q(`ANALYZE st2`);
    // Record edits between transitions; for a case the program administrator opened, the
    // mediator proposed and assigned after the opening.
    await q(`CREATE TEMPORARY TABLE fill ON COMMIT DROP AS
      SELECT cs.n, k.ord, k.sub, k.type, st2.to_res, st2.to_lit,
             st2.at + (st2.next_at - st2.at) * k.frac AS at
        FROM bench.case_story cs
        CROSS JOIN LATERAL (
          SELECT 1 AS ord, 1 AS sub, 'MEDIATOR_PROPOSED' AS type, 0.2 AS frac WHERE cs.pa_opened
          UNION ALL SELECT 1, 2, 'MEDIATOR_ASSIGNED', 0.4 WHERE cs.pa_opened
          UNION ALL SELECT 1 + floor(random() * cs.kept)::int + j * 0, 2 + j, (ARRAY[${FILLERS.map((f) => `'${f}'`).join(', ')}])[1 + floor(random() * ${FILLERS.length})::int], 0.45 + random() * 0.5
            FROM generate_series(1, cs.fillers) j
        ) k
        JOIN st2 ON st2.n = cs.n AND st2.ord = k.ord
       WHERE cs.n BETWEEN $1 AND $2`, [from, to]);
    // The timeline rows, numbered in order; placeholder hashes (see the header).
    await q(`INSERT INTO case_events (case_id, seq, actor_user_id, type, from_state, to_state, payload, prev_hash, hash, created_at)
      SELECT cs.id, x.seq, CASE WHEN x.ord = 1 AND x.sub = 0 AND cs.pa_opened THEN cs.pa ELSE cs.mediator END, x.type,
             CASE WHEN x.from_res IS NULL THEN NULL ELSE ${state('x.from_res', 'x.from_lit')} END,
             ${state('x.to_res', 'x.to_lit')}, x.payload,
             CASE WHEN x.seq > 1 THEN md5(cs.n || ':' || (x.seq - 1)) || md5((x.seq - 1) || ':' || cs.n) END,
             md5(cs.n || ':' || x.seq) || md5(x.seq || ':' || cs.n), x.at
        FROM (SELECT u.*, row_number() OVER (PARTITION BY u.n ORDER BY u.ord, u.sub)::int AS seq
                FROM (SELECT n, ord, 0 AS sub, type, from_res, from_lit, to_res, to_lit, payload, at FROM st2
                      UNION ALL SELECT n, ord, sub, type, to_res, to_lit, to_res, to_lit, '{}'::jsonb, at FROM fill) u) x
        JOIN bench.case_story cs ON cs.n = x.n
       ORDER BY cs.id, x.seq`);
    // The cases, as their timelines leave them.
    await q(`INSERT INTO cases (id, organisation_id, caption, docket_number, dispute_type, court_ordered, machine_version, snapshot, resolution_state, litigation_state,
                                version, created_at, updated_at, program_id, referral_source, referral_date, timeline_head_seq)
      SELECT cs.id, cs.organisation_id, 'Bench case ' || cs.n, extract(year FROM cs.referral_date) || '-CV-' || lpad(cs.n::text, 7, '0'), cs.dispute_type,
             COALESCE(cs.referral_source = 'COURT_ORDER' OR (cs.referral_source = 'JUDGE_REFERRAL' AND cs.n % 2 = 0), false) OR cs.n % 37 = 0,
             $3, $4, last.to_res, last.to_lit, cs.kept, first.at, last.at, cs.program_id, cs.referral_source, cs.referral_date,
             cs.kept + cs.fillers + CASE WHEN cs.pa_opened THEN 2 ELSE 0 END
        FROM bench.case_story cs
        JOIN st2 first ON first.n = cs.n AND first.ord = 1
        JOIN st2 last ON last.n = cs.n AND last.ord = cs.kept
       WHERE cs.n BETWEEN $1 AND $2
       ORDER BY cs.id`, [from, to, sample.persisted.machineVersion, sample.persisted.snapshot]);
    await q(`INSERT INTO sides (case_id, label, role, position)
      SELECT cs.id, s.label, s.role, s.position FROM bench.case_story cs
       CROSS JOIN (VALUES ('Claimant', 'CLAIMANT', 0), ('Respondent', 'RESPONDENT', 1)) AS s(label, role, position)
       WHERE cs.n BETWEEN $1 AND $2`, [from, to]);
    await q(`INSERT INTO participants (case_id, user_id, role) SELECT id, mediator, 'MEDIATOR' FROM bench.case_story WHERE n BETWEEN $1 AND $2`, [from, to]);
    await q(`INSERT INTO mediator_assignments (case_id, mediator_user_id, status, proposed_by, created_at, updated_at, accepted_at)
      SELECT cs.id, cs.mediator, 'ACCEPTED', cs.pa, p.at, a.at, a.at
        FROM bench.case_story cs JOIN fill p ON p.n = cs.n AND p.type = 'MEDIATOR_PROPOSED' JOIN fill a ON a.n = cs.n AND a.type = 'MEDIATOR_ASSIGNED'
       WHERE cs.pa_opened`);
    await q('COMMIT');
    log(`  cases ${from}–${to} in ${seconds(batchBegan)} s`);
  }
  // The stall reasons of each RECORD_STALL_REASON row (as the transition writes them).
  await q(`INSERT INTO stall_reason_records (case_id, event_seq, program_id, reason, recorded_at)
    SELECT e.case_id, e.seq, c.program_id, ${weightedSql(STALL_REASONS)}, e.created_at
      FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.type = 'RECORD_STALL_REASON'`);
  const indexing = Date.now();
  for (const statement of rebuildEvents) await q(statement);
  log(`timeline indexes in ${seconds(indexing)} s`);

  const rounding = Date.now();
  const rebuildRounds = await dropIndexes('program_rounds');
  await q(ROUNDS_SQL);
  for (const statement of rebuildRounds) await q(statement);
  log(`program_rounds (set-based) in ${seconds(rounding)} s`);
  const facts = Date.now();
  await backfillRoundFacts({ query: (sql) => q(sql) });
  log(`the rounds' report facts (the RoundReportFacts migration's backfill) in ${seconds(facts)} s`);
  await q(`DROP TABLE bench.case_story, bench.steps`);
  await q(`SET session_replication_role = DEFAULT`);
  const vacuuming = Date.now();
  await q('VACUUM ANALYZE');
  log(`VACUUM ANALYZE in ${seconds(vacuuming)} s`);
  timings.seedSeconds = (Date.now() - began) / 1000;
  await q(`INSERT INTO bench.params VALUES ('params', $1), ('seeded_at', now()::text), ('seed_seconds', $2)`, [JSON.stringify(P), String(timings.seedSeconds)]);
}

/** The trigger's own rounds (the migration's replay) against the set-based ones: the same rows, or stop. */
async function verifyRounds() {
  const began = Date.now();
  const columns = 'case_id, program_id, round, referred_on, opened_seq, session_held, disposed_on, disposition, closed_seq, first_session_on, went_next, case_closed_as, mediator_on, mediator_user_id, dispute_type, referral_source, court_ordered';
  await q(`CREATE TEMPORARY TABLE rounds_set AS SELECT ${columns} FROM program_rounds`);
  await q(`BEGIN`);
  await q(`DELETE FROM program_rounds`);
  // Both triggers' functions, row by row in timeline order, as the live system runs them.
  await q(`CREATE TEMPORARY TABLE case_events_replay (LIKE case_events)`);
  await q(`CREATE TRIGGER a_rounds AFTER INSERT ON case_events_replay FOR EACH ROW EXECUTE FUNCTION program_rounds_follow()`);
  await q(`CREATE TRIGGER b_facts AFTER INSERT ON case_events_replay FOR EACH ROW EXECUTE FUNCTION program_round_facts_follow()`);
  await q(`INSERT INTO case_events_replay SELECT * FROM case_events ORDER BY case_id, seq`);
  const { rows } = await q(`SELECT
      (SELECT count(*) FROM (SELECT ${columns} FROM program_rounds EXCEPT SELECT * FROM rounds_set) a)::int AS only_trigger,
      (SELECT count(*) FROM (SELECT * FROM rounds_set EXCEPT SELECT ${columns} FROM program_rounds) b)::int AS only_set,
      (SELECT count(*) FROM rounds_set)::int AS rounds`);
  await q(`ROLLBACK`);
  const [{ only_trigger, only_set, rounds }] = rows;
  log(`verify: ${rounds} rounds; only in the triggers' replay ${only_trigger}, only in the set-based build ${only_set} (${seconds(began)} s)`);
  if (only_trigger || only_set) throw new Error('the set-based rounds differ from the triggers’');
}

if (!reuse) {
  log(`seeding ${DB_NAME}: ${P.cases} cases, about ${P.events} timeline rows, ${P.programs} programs, ${P.years} years to ${P.end}…`);
  await seed();
  log(`seeded in ${timings.seedSeconds.toFixed(0)} s`);
} else {
  const [row] = (await q(`SELECT value FROM bench.params WHERE key = 'seed_seconds'`)).rows;
  timings.seedSeconds = Number(row?.value);
}
if (flag('verify-rounds')) await verifyRounds();

const sizes = (
  await q(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events,
                  (SELECT count(*) FROM program_rounds)::int AS rounds, (SELECT count(*) FROM programs)::int AS programs,
                  pg_size_pretty(pg_database_size(current_database())) AS size`)
).rows[0];
const [big] = (
  await q(`SELECT p.id, p.name, u.email, count(*)::int AS cases,
                  (SELECT count(*) FROM program_rounds r WHERE r.program_id = p.id)::int AS rounds,
                  (SELECT count(*) FROM case_events e JOIN cases c2 ON c2.id = e.case_id WHERE c2.program_id = p.id)::int AS events
             FROM programs p JOIN cases c ON c.program_id = p.id JOIN users u ON u.organisation_id = p.organisation_id AND u.org_role = 'PROGRAM_ADMIN'
            GROUP BY p.id, u.email ORDER BY count(*) DESC LIMIT 1`)
).rows;
log(`data: ${sizes.cases} cases, ${sizes.events} timeline rows, ${sizes.rounds} rounds, ${sizes.programs} programs; ${sizes.size}`);
log(`biggest program: ${big.name}: ${big.cases} cases, ${big.events} timeline rows, ${big.rounds} rounds`);

// ---- the hand-written SQL -----------------------------------------------------------------
// What a DBA would write for each figure: plain GROUP BYs over the rounds (each referral of a
// case to the program), the cases and the timeline, the pivoting left to the reader.
// $1 program, $2 first day, $3 last day.
const HAND = {
  caseload: `
    SELECT c.dispute_type, r.disposition, r.referred_on < $2 AS before, r.disposed_on <= $3 AS disposed, count(*)
      FROM program_rounds r JOIN cases c ON c.id = r.case_id
     WHERE r.program_id = $1 AND r.referred_on <= $3 AND (r.disposed_on IS NULL OR r.disposed_on >= $2)
     GROUP BY 1, 2, 3, 4`,
  byCaseType: `
    SELECT c.dispute_type, r.disposition, count(*) FROM program_rounds r JOIN cases c ON c.id = r.case_id
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 GROUP BY 1, 2`,
  byReferralSource: `
    SELECT c.referral_source, r.disposition, count(*) FROM program_rounds r JOIN cases c ON c.id = r.case_id
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 GROUP BY 1, 2`,
  byOrder: `
    SELECT c.court_ordered, r.disposition, count(*) FROM program_rounds r JOIN cases c ON c.id = r.case_id
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 GROUP BY 1, 2`,
  nextSteps: `
    SELECT COALESCE(NULLIF(closing.to_state->>'resolution', 'impasse'), left_to.resolution) AS next, c.resolution_state, count(*)
      FROM program_rounds r
      JOIN cases c ON c.id = r.case_id
      JOIN case_events closing ON closing.case_id = r.case_id AND closing.seq = r.closed_seq
      LEFT JOIN LATERAL (SELECT ev.to_state->>'resolution' AS resolution FROM case_events ev
                          WHERE ev.case_id = r.case_id AND ev.seq > r.closed_seq
                            AND ev.from_state->>'resolution' = 'impasse' AND ev.to_state->>'resolution' <> 'impasse'
                          ORDER BY ev.seq LIMIT 1) left_to ON true
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 AND r.disposition IN ('NOT_SETTLED', 'SETTLED_IN_PART')
     GROUP BY 1, 2`,
  daysToDisposition: `
    SELECT count(*), percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY r.disposed_on - r.referred_on)
      FROM program_rounds r WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3`,
  daysToFirstSession: `
    SELECT count(*), percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY days)
      FROM (SELECT (min(ev.created_at AT TIME ZONE p.time_zone))::date - r.referred_on AS days
              FROM program_rounds r JOIN programs p ON p.id = r.program_id
              JOIN case_events ev ON ev.case_id = r.case_id AND ev.seq > r.opened_seq AND ev.seq <= r.closed_seq AND ev.type = 'START_SESSION'
             WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 AND r.session_held
             GROUP BY r.id) s`,
  daysToMediator: `
    SELECT count(*), percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY days)
      FROM (SELECT (min(m.at AT TIME ZONE p.time_zone))::date - r.referred_on AS days
              FROM program_rounds r JOIN programs p ON p.id = r.program_id
              JOIN (SELECT ev.case_id, ev.created_at AS at FROM case_events ev
                      JOIN participants pa ON pa.case_id = ev.case_id AND pa.user_id = ev.actor_user_id AND pa.role = 'MEDIATOR'
                     WHERE ev.seq = 1
                    UNION ALL
                    SELECT case_id, accepted_at FROM mediator_assignments WHERE accepted_at IS NOT NULL) m ON m.case_id = r.case_id
             WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 AND r.round = 1
             GROUP BY r.id) s`,
  // $4: month, quarter or year, as the report's trend chooses for the period.
  trend: `
    SELECT date_trunc($4, r.disposed_on), r.disposition, count(*) FROM program_rounds r
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 GROUP BY 1, 2`,
  stalls: `
    SELECT date_trunc('quarter', r.recorded_at AT TIME ZONE p.time_zone) AS quarter, r.reason, count(DISTINCT r.case_id)
      FROM stall_reason_records r JOIN programs p ON p.id = r.program_id
     WHERE r.program_id = $1 AND r.recorded_at >= ($2::date::timestamp AT TIME ZONE p.time_zone)
       AND r.recorded_at < (($3::date + 1)::timestamp AT TIME ZONE p.time_zone)
     GROUP BY GROUPING SETS ((1, 2), (1))`,
  mediators: `
    SELECT m.mediator, r.disposition, r.referred_on BETWEEN $2 AND $3 AS referred, r.disposed_on BETWEEN $2 AND $3 AS ended, count(*)
      FROM program_rounds r
      LEFT JOIN case_events closing ON closing.case_id = r.case_id AND closing.seq = r.closed_seq
      LEFT JOIN LATERAL (
            SELECT j.mediator FROM (SELECT ev.actor_user_id AS mediator, ev.created_at AS at FROM case_events ev
                                      JOIN participants pa ON pa.case_id = ev.case_id AND pa.user_id = ev.actor_user_id AND pa.role = 'MEDIATOR'
                                     WHERE ev.case_id = r.case_id AND ev.seq = 1
                                    UNION ALL
                                    SELECT mediator_user_id, accepted_at FROM mediator_assignments WHERE case_id = r.case_id AND accepted_at IS NOT NULL) j
             WHERE j.at <= COALESCE(closing.created_at, now()) ORDER BY j.at DESC LIMIT 1) m ON true
     WHERE r.program_id = $1 AND (r.referred_on BETWEEN $2 AND $3 OR r.disposed_on BETWEEN $2 AND $3)
     GROUP BY 1, 2, 3, 4`,
};
const FIGURE_SQL = ['byCaseType', 'byReferralSource', 'byOrder', 'nextSteps', 'daysToMediator', 'daysToFirstSession', 'daysToDisposition', 'trend', 'mediators', 'stalls'];

// ---- the GraphQL operations ---------------------------------------------------------------
// The Reports page's own operation, read from the web's source; the two queries alone with the same fields.
const webSource = readFileSync(join(root, 'apps', 'web', 'src', 'modules', 'reports', 'graphql', 'reports.ts'), 'utf8');
const PROGRAM_REPORT = webSource.match(/query ProgramReport[\s\S]*?\n`/)[0].slice(0, -1);
const field = (name) => {
  const start = PROGRAM_REPORT.indexOf(`    ${name}(input: $input)`);
  let depth = 0;
  for (let i = PROGRAM_REPORT.indexOf('{', start); i < PROGRAM_REPORT.length; i += 1) {
    if (PROGRAM_REPORT[i] === '{') depth += 1;
    if (PROGRAM_REPORT[i] === '}' && --depth === 0) return PROGRAM_REPORT.slice(start, i + 1);
  }
  throw new Error(`no ${name} in ProgramReport`);
};
const CASELOAD_REPORT = `query CaseloadReport($input: ReportPeriodInput!) {\n${field('caseloadReport')}\n}`;
const PROGRAM_FIGURES = `query ProgramFigures($input: ReportPeriodInput!) {\n${field('programFigures')}\n}`;

/**
 * Each report: a name, the GraphQL operation that asks for it (if one does on its own), the
 * hand-written SQL for the same figures (HAND keys, run in turn on one connection), and the
 * product's own statements for them (timed against the hand-written ones).
 */
const PRODUCT = [CASELOAD_SQL, OUTCOME_COUNTS_SQL, NEXT_STEPS_SQL, DAYS_SQL, TREND_SQL, MEDIATORS_SQL, STALL_SQL];
const REPORTS = [
  { name: 'caseload form (caseloadReport)', graphql: CASELOAD_REPORT, hand: ['caseload'], product: [CASELOAD_SQL] },
  { name: 'settlement rates by case type', hand: ['byCaseType'], product: [CASELOAD_SQL], note: 'the form’s rows' },
  { name: 'settlement rates by referral source and court order', hand: ['byReferralSource', 'byOrder'], product: [OUTCOME_COUNTS_SQL] },
  { name: 'where referrals not fully settled went next', hand: ['nextSteps'], product: [NEXT_STEPS_SQL] },
  { name: 'days from referral', hand: ['daysToMediator', 'daysToFirstSession', 'daysToDisposition'], product: [DAYS_SQL] },
  { name: 'how referrals ended, by month/quarter/year', hand: ['trend'], product: [TREND_SQL] },
  { name: 'figures by mediator', hand: ['mediators'], product: [MEDIATORS_SQL] },
  { name: 'stall reasons by quarter', hand: ['stalls'], product: [STALL_SQL] },
  { name: 'all program figures (programFigures)', graphql: PROGRAM_FIGURES, hand: FIGURE_SQL, product: PRODUCT },
  { name: 'the Reports page (ProgramReport)', graphql: PROGRAM_REPORT, hand: ['caseload', ...FIGURE_SQL], product: PRODUCT },
];
/** The statements that take the trend's unit as $4. */
const WITH_UNIT = new Set([TREND_SQL, HAND.trend]);
const PERIODS = [
  { name: 'a full year (2025)', from: '2025-01-01', to: '2025-12-31' },
  { name: 'ten years', from: '2016-12-01', to: P.end },
];

// ---- the app ----------------------------------------------------------------------------
async function startApi() {
  const child = spawn(process.execPath, [join(api, 'dist', 'cli', 'start.js')], {
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
    kill: () => child.exitCode === null && child.kill('SIGTERM'),
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
const server = await startApi();
// The api goes with this process, however it ends.
process.on('exit', () => server.kill());
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));
const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
const port = new URL(server.url).port;
const gql = (query, variables, token) =>
  new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const headers = { 'content-type': 'application/json', 'content-length': body.length, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        try {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (answer.errors) reject(new Error(JSON.stringify(answer.errors)));
          else resolve(answer);
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
const token = (await gql(`mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, { e: big.email, p: PASSWORD })).data.signIn.token;

// ---- measure ----------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const runSql = (statements, params, unit) => async () => {
  for (const sql of statements) await q(sql, WITH_UNIT.has(sql) ? [...params, unit] : params);
};
const results = [];
for (const period of PERIODS) {
  const params = [big.id, period.from, period.to];
  const input = { programId: big.id, from: period.from, to: period.to };
  for (const report of REPORTS) {
    const unit = trendUnit(period.from, period.to);
    const sides = { hand: runSql(report.hand.map((k) => HAND[k]), params, unit), product: runSql(report.product, params, unit) };
    if (report.graphql) sides.graphql = () => gql(report.graphql, { input }, token);
    const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
    for (const fn of Object.values(sides)) await fn(); // warm-up: plans, caches
    for (let run = 0; run < RUNS; run += 1) {
      // Alternating, in a rotating order, so a slow minute of the machine falls on each side.
      const order = Object.keys(sides);
      for (let i = 0; i < order.length; i += 1) {
        const key = order[(i + run) % order.length];
        times[key].push(await time(sides[key]));
      }
    }
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    const row = { period: period.name, report: report.name, ...m, runs: times };
    results.push(row);
    const ratio = (a, b) => (a / b).toFixed(2);
    log(
      `${period.name} · ${report.name}: ${report.graphql ? `GraphQL ${m.graphql.toFixed(1)} ms, ` : ''}hand-written SQL ${m.hand.toFixed(1)} ms, product SQL ${m.product.toFixed(1)} ms` +
        (report.graphql ? ` → GraphQL/hand ${ratio(m.graphql, m.hand)}× (${m.graphql / m.hand <= 1.5 ? 'met' : 'MISSED'})` : '') +
        `; product/hand ${ratio(m.product, m.hand)}×`,
    );
  }
}
for (const [key, sql] of Object.entries(HAND)) {
  const t = [];
  for (let run = 0; run < 3; run += 1) t.push(await time(() => q(sql, [big.id, PERIODS[1].from, PERIODS[1].to, ...(WITH_UNIT.has(sql) ? [trendUnit(PERIODS[1].from, PERIODS[1].to)] : [])])));
  log(`  hand-written ${key}, ten years: ${median(t).toFixed(1)} ms`);
}

log(`\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${(await q('SELECT version()')).rows[0].version.split(' on ')[0]}; seed ${timings.seedSeconds?.toFixed(0)} s; runs ${RUNS}`);
log(JSON.stringify({ params: P, sizes, big: { cases: big.cases, events: big.events, rounds: big.rounds }, results: results.map(({ runs, ...r }) => r) }));

await server.stop();
agent.destroy();
await db.end();
