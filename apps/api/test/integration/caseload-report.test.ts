import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';
import { CASELOAD_SQL } from '../../src/reporting/caseload.js';
import { DAYS_SQL, NEXT_STEPS_SQL, OUTCOME_COUNTS_SQL } from '../../src/reporting/figures.js';
import { MEDIATORS_SQL } from '../../src/reporting/mediators.js';
import { backfillRoundFacts } from '../../src/database/migrations/1765130000000-RoundReportFacts.js';
import { TREND_SQL } from '../../src/reporting/trend.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { adminClient } from '../support/database.js';

const REPORT = `query ($input: ReportPeriodInput!) {
  caseloadReport(input: $input) {
    programName timeZone from to minimumCount suppressedCells
    columns { key label definition }
    rows { caseType label cells { column count suppressed } }
    csv
  }
}`;

let t: TestApp;
let f: ReturnType<typeof factories>;
let admin: pg.Client;
let org: string;
let programId: string;
let programAdmin: { token: string };
let mediator: { id: string; token: string };
/** A second mediator: opens two of the cases, and takes over the re-mediated family case for its second referral. */
let blair: { id: string; token: string };

type Round = [type: string, referredOn: string, disposedOn: string | null, disposition: string | null];

/**
 * The crafted data set: rounds with known dates and dispositions, one per case but for a
 * re-mediated family case, around the period 2026-03-01 … 2026-03-31.
 */
const ROUNDS: Round[][] = [
  [['CONTRACT', '2026-02-10', null, null]], // begin and end pending
  [['CONTRACT', '2026-02-15', '2026-03-05', 'SETTLED']], // begin pending, settled
  [['CONTRACT', '2026-02-20', '2026-02-25', 'NOT_SETTLED']], // disposed before the period: nowhere
  [['EMPLOYMENT', '2026-03-02', '2026-03-20', 'NOT_HELD_NO_RESPONSE']], // a contract case: referred, not held
  [['BUSINESS', '2026-03-10', '2026-04-02', 'SETTLED']], // a contract case: referred, end pending
  [['CONTRACT', '2026-04-01', null, null]], // referred after the period: nowhere
  [['PERSONAL_INJURY', '2026-03-03', '2026-03-03', 'RETURNED_TO_DOCKET']], // tort: referred and returned the same day
  [['PERSONAL_INJURY', '2026-01-01', '2026-03-31', 'SETTLED_IN_PART']], // disposed on the last day
  [['PERSONAL_INJURY', '2026-03-31', null, null]], // referred on the last day
  [['FAMILY', '2026-02-28', '2026-03-01', 'HELD_OTHER']], // disposed on the first day
  [
    ['FAMILY', '2026-03-05', '2026-03-10', 'NOT_SETTLED'],
    ['FAMILY', '2026-03-15', null, null],
  ], // re-mediated within the period: two referrals
];

beforeAll(async () => {
  t = await startTestApp('caseload-report');
  f = factories(t);
  admin = await adminClient(t.databaseUrl);
  org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
  blair = await f.newUser(org, 'MEDIATOR');
  await t.db.query(`UPDATE users SET display_name = 'Avery Mediator' WHERE id = $1`, [mediator.id]);
  await t.db.query(`UPDATE users SET display_name = 'Blair Mediator' WHERE id = $1`, [blair.id]);
  programAdmin = await f.newUser(org, 'PROGRAM_ADMIN');
  const [program] = await t.db.query(`INSERT INTO programs (organisation_id, name, time_zone) VALUES ($1, 'Circuit Civil ADR', 'America/Denver') RETURNING id`, [org]);
  programId = program.id;
  for (const [index, rounds] of ROUNDS.entries()) {
    // The employment and business cases are Blair's from the start; the tort case of the last day is handed to Blair (below).
    const c = await f.newCase((index === 3 || index === 4 ? blair : mediator).token, { programId, disputeType: rounds[0]![0] });
    await admin.query(`DELETE FROM program_rounds WHERE case_id = $1`, [c.id]);
    for (const [i, [, referredOn, disposedOn, disposition]] of rounds.entries()) {
      await admin.query(
        `INSERT INTO program_rounds (case_id, program_id, round, referred_on, opened_seq, session_held, disposed_on, disposition, closed_seq)
         VALUES ($1, $2, $3, $4, 1, false, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE 2 END)`,
        [c.id, programId, i + 1, referredOn, disposedOn, disposition],
      );
    }
    if (index === 1 || index === 8) {
      // Blair's proposal is accepted after the case was opened: the open referral (the tort case of the last day) becomes
      // Blair's; the settled contract case, whose referral ended with the timeline's first row, stays Avery's.
      if (index === 1) await admin.query(`UPDATE program_rounds SET closed_seq = 1 WHERE case_id = $1`, [c.id]);
      await admin.query(
        `INSERT INTO mediator_assignments (case_id, mediator_user_id, status, proposed_by, accepted_at)
         SELECT $1, $2, 'ACCEPTED', $3, created_at + interval '1 millisecond' FROM case_events WHERE case_id = $1 AND seq = 1`,
        [c.id, blair.id, mediator.id],
      );
      await f.addParticipant(c.id, blair.id, 'MEDIATOR');
    }
  }
  // The rounds written by hand above carry no report facts yet: filled from the base data as the migration fills them.
  await backfillRoundFacts(admin);
});
afterAll(async () => {
  await admin.end();
  await t.close();
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

describe('the NCSC caseload report', () => {
  it('counts every column by its definition (the statement, before suppression)', async () => {
    const rows: Record<string, unknown>[] = await t.db.query(CASELOAD_SQL, [programId, MARCH.from, MARCH.to]);
    const byType = Object.fromEntries(rows.map(({ caseType, ...counts }) => [caseType as string, Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0))]));
    expect(byType).toEqual({
      CONTRACT: { BEGIN_PENDING: 2, REFERRED: 2, SETTLED: 1, NOT_HELD_NO_RESPONSE: 1, END_PENDING: 2 },
      TORT: { BEGIN_PENDING: 1, REFERRED: 2, SETTLED_IN_PART: 1, RETURNED_TO_DOCKET: 1, END_PENDING: 1 },
      FAMILY: { BEGIN_PENDING: 1, REFERRED: 2, HELD_OTHER: 1, NOT_SETTLED: 1, END_PENDING: 1 },
    });
  });

  it('suppresses small counts with their complements and says so, through GraphQL, for the program administrator', async () => {
    const result = await t.gql(REPORT, { input: { programId, ...MARCH } }, programAdmin.token);
    expect(result.errors).toBeUndefined();
    const report = result.data!.caseloadReport;
    expect(report).toMatchObject({ programName: 'Circuit Civil ADR', timeZone: 'America/Denver', minimumCount: 11, ...MARCH });
    expect(report.rows.map((r: { caseType: string }) => r.caseType)).toEqual(['TORT', 'CONTRACT', 'REAL_PROPERTY', 'PROBATE_ESTATE', 'FAMILY', 'JUVENILE', 'OTHER_CIVIL', 'TOTAL']);
    expect(report.columns).toHaveLength(14);
    for (const column of report.columns) expect(column.definition.length).toBeGreaterThan(10);
    // Every figure here is below 11: each non-zero one is suppressed, zeros are shown.
    for (const row of report.rows) {
      for (const cell of row.cells) {
        expect(cell.suppressed).toBe(cell.count === null);
        if (!cell.suppressed) expect(cell.count).toBe(0);
      }
    }
    expect(report.suppressedCells).toBeGreaterThan(0);
  });

  it('shows the figures where the program allows small counts of 2 and more, hiding the 1s and what would give them away', async () => {
    await admin.query(`UPDATE programs SET report_min_count = 2 WHERE id = $1`, [programId]);
    try {
      const report = (await t.gql(REPORT, { input: { programId, ...MARCH } }, programAdmin.token)).data!.caseloadReport;
      const total = Object.fromEntries(report.rows.at(-1).cells.map((c: { column: string; count: number | null }) => [c.column, c.count]));
      expect(total).toMatchObject({ BEGIN_PENDING: 4, REFERRED: 6, HELD: 4, END_PENDING: 4 });
      for (const row of report.rows) for (const cell of row.cells) if (cell.count !== null) expect(cell.count === 0 || cell.count >= 2).toBe(true);
    } finally {
      await admin.query(`UPDATE programs SET report_min_count = 11 WHERE id = $1`, [programId]);
    }
  });

  it('writes the CSV from the same figures as the screen, suppressed cells as "suppressed"', async () => {
    await admin.query(`UPDATE programs SET report_min_count = 2 WHERE id = $1`, [programId]);
    try {
      const report = (await t.gql(REPORT, { input: { programId, ...MARCH } }, programAdmin.token)).data!.caseloadReport;
      const lines: string[][] = parse(report.csv);
      expect(lines[0]).toEqual(['Case type', ...report.columns.map((c: { label: string }) => c.label)]);
      expect(lines.slice(1)).toEqual(
        report.rows.map((row: { label: string; cells: { count: number | null }[] }) => [row.label, ...row.cells.map((c) => (c.count === null ? 'suppressed' : String(c.count)))]),
      );
      expect(report.csv).toContain('suppressed');
    } finally {
      await admin.query(`UPDATE programs SET report_min_count = 11 WHERE id = $1`, [programId]);
    }
  });

  it('lists the programs a program administrator reports on, and none to anyone else', async () => {
    const programs = `query { reportablePrograms { id name timeZone minimumCount } }`;
    expect((await t.gql(programs, {}, programAdmin.token)).data!.reportablePrograms).toEqual([{ id: programId, name: 'Circuit Civil ADR', timeZone: 'America/Denver', minimumCount: 11 }]);
    expect((await t.gql(programs, {}, mediator.token)).data!.reportablePrograms).toEqual([]);
  });

  it('gives a period before any referral zeros, none suppressed, and a later one what is still pending', async () => {
    const report = (await t.gql(REPORT, { input: { programId, from: '2020-01-01', to: '2020-12-31' } }, programAdmin.token)).data!.caseloadReport;
    const later = (await t.gql(REPORT, { input: { programId, from: '2030-01-01', to: '2030-12-31' } }, programAdmin.token)).data!.caseloadReport;
    // Four referrals are never disposed: pending at the start and the end of 2030, nothing else.
    for (const row of later.rows) {
      for (const cell of row.cells) if (!['BEGIN_PENDING', 'END_PENDING'].includes(cell.column)) expect(cell.count).toBe(0);
    }
    expect(later.rows.at(-1).cells.find((c: { column: string }) => c.column === 'BEGIN_PENDING').suppressed).toBe(true);
    expect(report.suppressedCells).toBe(0);
    for (const row of report.rows) for (const cell of row.cells) expect(cell.count).toBe(0);
  });

  it('is for the program’s administrators only; another organisation’s program does not exist', async () => {
    const asMediator = await t.gql(REPORT, { input: { programId, ...MARCH } }, mediator.token);
    expect(asMediator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherAdmin = await f.newUser(await f.newOrganisation(), 'PROGRAM_ADMIN');
    const elsewhere = await t.gql(REPORT, { input: { programId, ...MARCH } }, otherAdmin.token);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await t.gql(REPORT, { input: { programId: '00000000-0000-4000-8000-000000000000', ...MARCH } }, otherAdmin.token);
    expect(missing.errors?.[0]).toMatchObject({ message: elsewhere.errors![0]!.message, extensions: { code: 'NOT_FOUND' } });
    expect((await t.gql(REPORT, { input: { programId, ...MARCH } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an impossible or reversed period with a coded error', async () => {
    for (const [input, field] of [
      [{ from: '2026-02-30', to: '2026-03-31' }, 'from'],
      [{ from: '2026-03-31', to: '2026-03-01' }, 'input.to'],
      [{ from: '2000-01-01', to: '2026-03-01' }, 'input.to'],
      [{ from: 'March', to: '2026-03-01' }, 'from'],
    ] as const) {
      const result = await t.gql(REPORT, { input: { programId, ...input } }, programAdmin.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(field);
    }
  });
});

const FIGURES = `query ($input: ReportPeriodInput!) {
  programFigures(input: $input) {
    minimumCount
    tables { key title rowsAre columns { key label kind } rows { key label cells { column value suppressed } } csv }
  }
}`;

describe('the program figures', () => {
  it('counts the referrals that ended in the period, by each breakdown, and the days from referral', async () => {
    const rows: Record<string, unknown>[] = await t.db.query(OUTCOME_COUNTS_SQL, [programId, MARCH.from, MARCH.to]);
    const pick = (breakdown: string) =>
      Object.fromEntries(rows.filter((r) => r.breakdown === breakdown).map(({ group, DISPOSED, HELD, SETTLED, SETTLED_IN_PART }) => [group as string, [DISPOSED, HELD, SETTLED, SETTLED_IN_PART]]));
    // By case type the figures are the caseload form's own rows: disposed, held, settled, in part.
    const form: Record<string, number>[] = await t.db.query(CASELOAD_SQL, [programId, MARCH.from, MARCH.to]);
    const held = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'];
    const notHeld = ['NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER', 'RETURNED_TO_DOCKET'];
    const total = (row: Record<string, number>, keys: string[]) => keys.reduce((n, k) => n + row[k]!, 0);
    expect(Object.fromEntries(form.map((r) => [r.caseType, [total(r, [...held, ...notHeld]), total(r, held), r.SETTLED, r.SETTLED_IN_PART]]))).toEqual({
      CONTRACT: [2, 1, 1, 0],
      TORT: [2, 1, 0, 1],
      FAMILY: [2, 2, 0, 0],
    });
    expect(pick('BY_CASE_TYPE')).toEqual({});
    expect(pick('BY_REFERRAL_SOURCE')).toEqual({ NONE: [6, 4, 1, 1] });
    expect(pick('BY_ORDER')).toEqual({ VOLUNTARY: [6, 4, 1, 1] });
    const days: { measure: string; n: number; median: number; p90: number }[] = await t.db.query(DAYS_SQL, [programId, MARCH.from, MARCH.to]);
    // Referral to disposition: 18, 18, 0, 89, 1 and 5 days.
    expect(days.find((d) => d.measure === 'TO_DISPOSITION')).toEqual({ measure: 'TO_DISPOSITION', n: 6, median: 11.5, p90: 53.5 });
    // The not settled (family) and settled in part (tort) referrals: their cases never left intake here.
    expect(await t.db.query(NEXT_STEPS_SQL, [programId, MARCH.from, MARCH.to])).toEqual([{ next: 'STILL_AT_IMPASSE', CASES: 2, SETTLED: 0, ENDED_OTHERWISE: 0, OPEN: 2 }]);
  });

  it('suppresses the breakdowns together and every rate of a suppressed count, for the program administrator only', async () => {
    await admin.query(`UPDATE programs SET report_min_count = 2 WHERE id = $1`, [programId]);
    try {
      const result = await t.gql(FIGURES, { input: { programId, ...MARCH } }, programAdmin.token);
      expect(result.errors).toBeUndefined();
      const tables = result.data!.programFigures.tables;
      expect(tables.map((x: { key: string }) => x.key)).toEqual(['BY_CASE_TYPE', 'BY_REFERRAL_SOURCE', 'BY_ORDER', 'NEXT_STEPS', 'DAYS', 'OUTCOMES_OVER_TIME', 'BY_MEDIATOR', 'STALL_REASONS']);
      for (const table of tables) {
        for (const row of table.rows) {
          for (const cell of row.cells) {
            const kind = table.columns.find((c: { key: string }) => c.key === cell.column).kind;
            if (cell.suppressed) expect(cell.value).toBeNull();
            if (kind === 'COUNT' && cell.value !== null) expect(cell.value === 0 || cell.value >= 2).toBe(true);
            if (kind === 'RATE' && cell.value !== null) expect(cell.value).toBeGreaterThanOrEqual(0);
          }
        }
        // The CSV is the screen.
        const lines: string[][] = parse(table.csv);
        expect(lines.slice(1)).toEqual(
          table.rows.map((row: { label: string; cells: { value: number | null; suppressed: boolean }[] }) => [row.label, ...row.cells.map((c) => (c.suppressed ? 'suppressed' : c.value === null ? '' : String(c.value)))]),
        );
      }
      // The voluntary row is the total: its counts of 6 and 4 are shown in both, and the settled rate of the held, 1 of 4, is hidden with its numerator.
      const order = tables.find((x: { key: string }) => x.key === 'BY_ORDER');
      const voluntary = Object.fromEntries(order.rows.find((r: { key: string }) => r.key === 'VOLUNTARY').cells.map((c: { column: string; value: number | null }) => [c.column, c.value]));
      expect(voluntary).toMatchObject({ DISPOSED: 6, HELD: 4, SETTLED: null, SETTLED_IN_PART: null, SETTLED_ANY: 2, SETTLED_OF_HELD: null, SETTLED_ANY_OF_HELD: 0.5 });
    } finally {
      await admin.query(`UPDATE programs SET report_min_count = 11 WHERE id = $1`, [programId]);
    }
    expect((await t.gql(FIGURES, { input: { programId, ...MARCH } }, mediator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('makes the period’s report once for an operation that asks for the form and the figures', async () => {
    const both = `query ($input: ReportPeriodInput!) { caseloadReport(input: $input) { suppressedCells } programFigures(input: $input) { minimumCount } }`;
    t.statements.length = 0;
    const result = await t.gql(both, { input: { programId, ...MARCH } }, programAdmin.token);
    expect(result.errors).toBeUndefined();
    expect(t.statements.filter((sql) => sql === CASELOAD_SQL)).toHaveLength(1);
    expect(t.statements.filter((sql) => sql === OUTCOME_COUNTS_SQL)).toHaveLength(1);
  });
});


type Table = { key: string; columns: { key: string; kind: string }[]; rows: { key: string; label: string; cells: { column: string; value: number | null; suppressed: boolean }[] }[]; csv: string };
const figureTable = async (key: string, token = programAdmin.token, period = MARCH) => {
  const result = await t.gql(FIGURES, { input: { programId, ...period } }, token);
  expect(result.errors).toBeUndefined();
  return (result.data!.programFigures.tables as Table[]).find((x) => x.key === key)!;
};
const byColumn = (row: Table['rows'][number]) => Object.fromEntries(row.cells.map((c) => [c.column, c.value]));
const withMinimum = async (k: number, body: () => Promise<void>) => {
  await admin.query(`UPDATE programs SET report_min_count = $2 WHERE id = $1`, [programId, k]);
  try {
    await body();
  } finally {
    await admin.query(`UPDATE programs SET report_min_count = 11 WHERE id = $1`, [programId]);
  }
};

describe('how referrals ended over time', () => {
  it('counts the referrals that ended by the month of their disposition (the statement), and by quarter over a longer period', async () => {
    expect(await t.db.query(TREND_SQL, [programId, MARCH.from, MARCH.to, 'month'])).toEqual([
      { bucket: '2026-03-01', SETTLED: 1, SETTLED_IN_PART: 1, NOT_SETTLED: 1, HELD_OTHER: 1, NOT_HELD: 1, RETURNED_TO_DOCKET: 1 },
    ]);
    const quarters: { bucket: string }[] = await t.db.query(TREND_SQL, [programId, '2025-01-01', '2026-12-31', 'quarter']);
    expect(quarters.sort((a, b) => a.bucket.localeCompare(b.bucket))).toEqual([
      { bucket: '2026-01-01', SETTLED: 1, SETTLED_IN_PART: 1, NOT_SETTLED: 2, HELD_OTHER: 1, NOT_HELD: 1, RETURNED_TO_DOCKET: 1 },
      { bucket: '2026-04-01', SETTLED: 1, SETTLED_IN_PART: 0, NOT_SETTLED: 0, HELD_OTHER: 0, NOT_HELD: 0, RETURNED_TO_DOCKET: 0 },
    ]);
  });

  it('shows every month or quarter of the period, zeros included, and hides the small counts (k = 2)', async () => {
    await withMinimum(2, async () => {
      const year = await figureTable('OUTCOMES_OVER_TIME', programAdmin.token, { from: '2025-01-01', to: '2026-12-31' });
      expect(year.rows.map((r) => r.label)).toEqual(['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3', '2026 Q4', 'Total']);
      // A quarter with nothing shows zeros, or hides them as complements; never another count.
      for (const cell of year.rows[0]!.cells) expect(cell.value === 0 || cell.suppressed).toBe(true);
      // 2026 Q1: 7 ended, of which only "not settled" counts 2; every 1 is hidden, and no hidden count is the only one of its row or column.
      const q1 = year.rows.find((r) => r.label === '2026 Q1')!;
      expect(byColumn(q1)).toMatchObject({ SETTLED: null, SETTLED_IN_PART: null, HELD_OTHER: null, NOT_HELD: null, RETURNED_TO_DOCKET: null });
      for (const row of year.rows) expect(row.cells.filter((c) => c.suppressed).length).not.toBe(1);
      for (const column of year.columns) expect(year.rows.filter((r) => r.cells.find((c) => c.column === column.key)!.suppressed).length).not.toBe(1);
      const march = await figureTable('OUTCOMES_OVER_TIME');
      expect(march.rows.map((r) => r.label)).toEqual(['Mar 2026', 'Total']);
      for (const cell of march.rows[0]!.cells) expect(cell.suppressed).toBe(cell.column !== 'DISPOSED');
    });
  });
});

describe('figures by mediator', () => {
  it('counts each mediator’s referrals (the statement): a case’s referral is its mediator’s at the time it ended', async () => {
    const rows: { mediatorId: string | null }[] = await t.db.query(MEDIATORS_SQL, [programId, MARCH.from, MARCH.to]);
    expect(Object.fromEntries(rows.map(({ mediatorId, ...counts }) => [mediatorId, counts]))).toEqual({
      // Avery: referred the returned tort case and the family case's two referrals; ended after a session:
      // settled (contract), in part (tort), not settled (family, first referral), other (family).
      [mediator.id]: { name: 'Avery Mediator', REFERRED: 3, SETTLED: 1, SETTLED_IN_PART: 1, NOT_SETTLED: 1, HELD_OTHER: 1 },
      // Blair: the employment and business cases, and the tort case of the last day (handed over).
      [blair.id]: { name: 'Blair Mediator', REFERRED: 3, SETTLED: 0, SETTLED_IN_PART: 0, NOT_SETTLED: 0, HELD_OTHER: 0 },
    });
  });

  it('adds up to the caseload form and shows the rates of sessions held (k = 2), with the CSV equal to the screen', async () => {
    await withMinimum(2, async () => {
      const table = await figureTable('BY_MEDIATOR');
      expect(table.rows.map((r) => r.label)).toEqual(['Avery Mediator', 'Blair Mediator', 'Total']);
      const [avery, blairRow, total] = table.rows.map(byColumn);
      expect(avery).toMatchObject({ REFERRED: 3, HELD: 4, SETTLED: null, SETTLED_IN_PART: null, SETTLED_ANY: 2, SETTLED_OF_HELD: null, SETTLED_ANY_OF_HELD: 0.5 });
      expect(blairRow).toMatchObject({ REFERRED: 3, HELD: 0, SETTLED: 0, SETTLED_OF_HELD: null });
      expect(total).toMatchObject({ REFERRED: 6, HELD: 4 });
      expect(table.columns.find((c) => c.key === 'SETTLED_OF_HELD')).toMatchObject({ kind: 'RATE' });
      const lines: string[][] = parse(table.csv);
      expect(lines[0]).toEqual(['Mediator', 'Referred', 'Sessions held', 'Settled', 'Settled in part', 'Not settled', 'Other (held)', 'Settled in full or in part', 'Settled, of sessions held', 'Settled in full or in part, of sessions held']);
      expect(lines.slice(1).map((l) => l.slice(0, 3))).toEqual([
        ['Avery Mediator', '3', '4'],
        ['Blair Mediator', '3', '0'],
        ['Total', '6', '4'],
      ]);
    });
  });

  it('hides a mediator with fewer than k referrals, and whatever would let their counts be worked out from the total (k = 4)', async () => {
    await withMinimum(4, async () => {
      const table = await figureTable('BY_MEDIATOR');
      const blairRow = byColumn(table.rows.find((r) => r.label === 'Blair Mediator')!);
      expect(blairRow.REFERRED).toBeNull();
      // Every column adds up to the total, and each row's parts to its sessions held: no sum has exactly one hidden term.
      const rows = table.rows;
      for (const column of ['REFERRED', 'HELD', 'SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'SETTLED_ANY']) {
        const hidden = rows.filter((r) => r.cells.find((c) => c.column === column)!.suppressed).length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
      for (const row of rows) {
        const hidden = ['HELD', 'SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'].filter((c) => row.cells.find((x) => x.column === c)!.suppressed).length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
      for (const row of rows) for (const cell of row.cells) if (cell.value !== null && table.columns.find((c) => c.key === cell.column)!.kind === 'COUNT') expect(cell.value === 0 || cell.value >= 4).toBe(true);
    });
  });

  it('is the program administrators’ only: a mediator and counsel are refused, another organisation’s administrator told there is no such program', async () => {
    const counsel = await f.newUser(org, 'MEMBER');
    const otherAdmin = await f.newUser(await f.newOrganisation(), 'PROGRAM_ADMIN');
    for (const [who, code] of [
      [mediator, 'FORBIDDEN'],
      [blair, 'FORBIDDEN'],
      [counsel, 'FORBIDDEN'],
      [otherAdmin, 'NOT_FOUND'],
    ] as const) {
      const result = await t.gql(FIGURES, { input: { programId, ...MARCH } }, who.token);
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
      expect(result.data).toBeNull();
      // The same answer as the caseload form's.
      expect((await t.gql(REPORT, { input: { programId, ...MARCH } }, who.token)).errors?.[0]?.extensions?.code).toBe(code);
    }
  });
});
