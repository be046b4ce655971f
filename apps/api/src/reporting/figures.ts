import { stringify } from 'csv-stringify/sync';
import { CASE_TYPE_ROWS, caseloadLinearTable, SUPPRESSED_TEXT, type CaseloadColumnKey, type CaseloadCounts, type CaseloadTable } from './caseload.js';
import { suppressSmallCells, type LinearTable, type Term } from './suppression.js';

/**
 * A program's figures over a period, beside the caseload form (docs/reporting.md):
 *
 * - **Settlement rates**, each with its denominator named, by case type, by referral source and
 *   court-ordered or voluntary. Counted over the referrals that **ended in the period** (their
 *   disposition date in it): "of sessions held" divides by the referrals whose session was held;
 *   "of referrals that ended" by every referral that ended, held or not.
 * - **Days** from referral to the mediator's assignment, to the first session and to the
 *   disposition, median and 90th percentile, over the referrals that ended in the period.
 *
 * Suppression covers the three breakdowns at once: they share their total row, so a count hidden
 * in one cannot be recomputed through another. A rate is shown only when its numerator and
 * denominator are; a median or percentile only over at least k referrals.
 */

export type FigureKind = 'COUNT' | 'RATE' | 'DAYS';

export interface FigureColumn {
  key: string;
  label: string;
  definition: string;
  kind: FigureKind;
}

export interface FigureCell {
  column: string;
  /** Null when suppressed, or when there is nothing to divide by. */
  value: number | null;
  suppressed: boolean;
}

export interface FigureRow {
  key: string;
  label: string;
  cells: FigureCell[];
}

export interface FigureTable {
  key: string;
  title: string;
  /** What the rows are (the first column's heading). */
  rowsAre: string;
  columns: FigureColumn[];
  rows: FigureRow[];
}

const COUNTS = [
  { key: 'DISPOSED', label: 'Referrals that ended', definition: 'Referrals disposed in the period, held or not.' },
  { key: 'HELD', label: 'Sessions held', definition: 'Of those, referrals whose session was held (any outcome).' },
  { key: 'SETTLED', label: 'Settled', definition: 'Held and settled in full.' },
  { key: 'SETTLED_IN_PART', label: 'Settled in part', definition: 'Held and settled in part.' },
  { key: 'SETTLED_ANY', label: 'Settled in full or in part', definition: 'Settled plus settled in part.' },
] as const;
type CountKey = (typeof COUNTS)[number]['key'];

const RATES: { key: string; label: string; definition: string; numerator: CountKey; denominator: CountKey }[] = [
  { key: 'SETTLED_OF_HELD', label: 'Settled, of sessions held', definition: 'Settled ÷ sessions held.', numerator: 'SETTLED', denominator: 'HELD' },
  { key: 'SETTLED_ANY_OF_HELD', label: 'Settled in full or in part, of sessions held', definition: 'Settled in full or in part ÷ sessions held.', numerator: 'SETTLED_ANY', denominator: 'HELD' },
  { key: 'SETTLED_OF_DISPOSED', label: 'Settled, of referrals that ended', definition: 'Settled ÷ referrals that ended.', numerator: 'SETTLED', denominator: 'DISPOSED' },
];

export const REFERRAL_SOURCE_LABELS: Record<string, string> = {
  COURT_ORDER: 'Court order',
  JUDGE_REFERRAL: 'Judge referral',
  ATTORNEY: 'Attorney',
  AGENCY: 'Agency',
  SELF: 'Self-referred',
  OTHER: 'Other',
  NONE: 'Not recorded',
};

const BREAKDOWNS = [
  {
    key: 'BY_CASE_TYPE',
    title: 'Settlement rates by case type',
    rowsAre: 'Case type',
    groups: CASE_TYPE_ROWS.map((r) => ({ key: r.key, label: r.label })),
  },
  {
    key: 'BY_REFERRAL_SOURCE',
    title: 'Settlement rates by referral source',
    rowsAre: 'Referral source',
    sql: `COALESCE(c.referral_source, 'NONE')`,
    groups: Object.entries(REFERRAL_SOURCE_LABELS).map(([key, label]) => ({ key, label })),
  },
  {
    key: 'BY_ORDER',
    title: 'Settlement rates, court-ordered and voluntary',
    rowsAre: 'Referral',
    sql: `CASE WHEN c.court_ordered THEN 'COURT_ORDERED' ELSE 'VOLUNTARY' END`,
    groups: [
      { key: 'COURT_ORDERED', label: 'Court-ordered' },
      { key: 'VOLUNTARY', label: 'Voluntary' },
    ],
  },
] as const;

const COUNTS_SQL = `
         count(*)::int AS "DISPOSED",
         count(*) FILTER (WHERE r.disposition IN ('SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'))::int AS "HELD",
         count(*) FILTER (WHERE r.disposition = 'SETTLED')::int AS "SETTLED",
         count(*) FILTER (WHERE r.disposition = 'SETTLED_IN_PART')::int AS "SETTLED_IN_PART"`;

/** The breakdowns with counts of their own; the case-type groups are the caseload form's rows. */
const OWN_BREAKDOWNS = BREAKDOWNS.filter((b): b is Extract<(typeof BREAKDOWNS)[number], { sql: string }> => 'sql' in b);

/**
 * One statement: the counts of the referral-source and court-order groups (GROUPING SETS over
 * the referrals that ended in the period), `$1` program, `$2` first day, `$3` last day.
 */
export const OUTCOME_COUNTS_SQL = `
  SELECT COALESCE(${OWN_BREAKDOWNS.map((b, i) => `CASE WHEN GROUPING(g${i}) = 0 THEN '${b.key}' END`).join(', ')}) AS breakdown,
         COALESCE(${OWN_BREAKDOWNS.map((_, i) => `g${i}`).join(', ')}) AS "group",
         ${COUNTS_SQL}
    FROM (SELECT r.*, ${OWN_BREAKDOWNS.map((b, i) => `${b.sql} AS g${i}`).join(', ')}
            FROM program_rounds r JOIN cases c ON c.id = r.case_id
           WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3) r
   GROUP BY GROUPING SETS (${OWN_BREAKDOWNS.map((_, i) => `(g${i})`).join(', ')})`;

/**
 * Days from referral to the mediator's assignment (the first mediator on the case: the one who
 * opened it, or the one whose proposal was accepted), to the round's first session, and to its
 * disposition, over the referrals that ended in the period: how many, the median, the 90th
 * percentile (continuous, in days, one decimal).
 */
export const DAYS_SQL = `
  WITH ended AS (
    SELECT r.*, c.created_at AS case_opened_at, p.time_zone
      FROM program_rounds r JOIN cases c ON c.id = r.case_id JOIN programs p ON p.id = r.program_id
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3
  ), measured AS (
    SELECT 'TO_MEDIATOR' AS measure,
           (SELECT min(((m.at AT TIME ZONE e.time_zone)::date - e.referred_on))
              FROM (-- opened by its mediator, or a proposed mediator accepted
                    SELECT ev.created_at AS at FROM case_events ev
                      JOIN participants pa ON pa.case_id = ev.case_id AND pa.user_id = ev.actor_user_id AND pa.role = 'MEDIATOR'
                     WHERE ev.case_id = e.case_id AND ev.seq = 1
                    UNION ALL SELECT ma.accepted_at FROM mediator_assignments ma WHERE ma.case_id = e.case_id AND ma.accepted_at IS NOT NULL) m) AS days
      FROM ended e WHERE e.round = 1
    UNION ALL
    SELECT 'TO_FIRST_SESSION',
           (SELECT (min(ev.created_at) AT TIME ZONE e.time_zone)::date - e.referred_on
              FROM case_events ev WHERE ev.case_id = e.case_id AND ev.type = 'START_SESSION' AND ev.seq > e.opened_seq AND ev.seq <= e.closed_seq)
      FROM ended e WHERE e.session_held
    UNION ALL
    SELECT 'TO_DISPOSITION', e.disposed_on - e.referred_on FROM ended e
  )
  SELECT measure, count(days)::int AS n,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(days, 0))::numeric, 1)::float8 AS median,
         round(percentile_cont(0.9) WITHIN GROUP (ORDER BY GREATEST(days, 0))::numeric, 1)::float8 AS p90
    FROM measured WHERE days IS NOT NULL GROUP BY measure`;

const MEASURES = [
  { key: 'TO_MEDIATOR', label: 'Referral to mediator assigned', definition: 'First referrals only: from the referral date to the day the first mediator was on the case.' },
  { key: 'TO_FIRST_SESSION', label: 'Referral to first session', definition: 'Referrals with a session held: from the referral date to the first session of that referral.' },
  { key: 'TO_DISPOSITION', label: 'Referral to disposition', definition: 'Every referral that ended: from its referral date to its disposition date.' },
] as const;

export interface OutcomeCountRow {
  breakdown: string;
  group: string;
  DISPOSED: number;
  HELD: number;
  SETTLED: number;
  SETTLED_IN_PART: number;
}

export interface DaysRow {
  measure: string;
  n: number;
  median: number | null;
  p90: number | null;
}

/**
 * Where the referrals that ended without a full settlement (not settled, or settled in part) in
 * the period went next, and how those cases stand on the day the report is made. "Next" is the
 * state the case entered when it left the impasse (or, for a referral whose outcome took it
 * elsewhere at once, where that outcome took it); a case still in impasse is counted as such.
 */
export const NEXT_STEPS_SQL = `
  WITH ended AS (
    SELECT r.case_id, r.closed_seq FROM program_rounds r
     WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3 AND r.disposition IN ('NOT_SETTLED', 'SETTLED_IN_PART')
  ), went AS (
    SELECT e.case_id, c.resolution_state AS now,
           CASE WHEN closing.to_state->>'resolution' IS DISTINCT FROM 'impasse' THEN closing.to_state->>'resolution'
                ELSE (SELECT ev.to_state->>'resolution' FROM case_events ev
                       WHERE ev.case_id = e.case_id AND ev.seq > e.closed_seq
                         AND ev.from_state->>'resolution' = 'impasse' AND ev.to_state->>'resolution' <> 'impasse'
                       ORDER BY ev.seq LIMIT 1) END AS next
      FROM ended e JOIN cases c ON c.id = e.case_id
      LEFT JOIN case_events closing ON closing.case_id = e.case_id AND closing.seq = e.closed_seq
  )
  SELECT CASE WHEN next IS NULL OR next = 'impasse' THEN 'STILL_AT_IMPASSE'
              WHEN next = 'negotiation' THEN 'NEGOTIATION'
              WHEN next LIKE 'mediation.%' THEN 'REMEDIATION'
              WHEN next = 'adr.settlementConference' THEN 'SETTLEMENT_CONFERENCE'
              WHEN next = 'adr.earlyNeutralEvaluation' THEN 'EARLY_NEUTRAL_EVALUATION'
              WHEN next = 'adr.mediatorsProposal' THEN 'MEDIATORS_PROPOSAL'
              WHEN next = 'adr.arbitration' THEN 'ARBITRATION'
              WHEN next = 'litigating' THEN 'LITIGATION'
              WHEN next LIKE 'resolved.%' THEN 'CLOSED'
              ELSE 'OTHER' END AS "next",
         count(*)::int AS "CASES",
         count(*) FILTER (WHERE now = 'resolved.settled')::int AS "SETTLED",
         count(*) FILTER (WHERE now LIKE 'resolved.%' AND now <> 'resolved.settled')::int AS "ENDED_OTHERWISE",
         count(*) FILTER (WHERE now NOT LIKE 'resolved.%')::int AS "OPEN"
    FROM went GROUP BY 1`;

export const NEXT_STEPS = [
  { key: 'NEGOTIATION', label: 'Negotiation' },
  { key: 'REMEDIATION', label: 'Mediation again' },
  { key: 'SETTLEMENT_CONFERENCE', label: 'Settlement conference' },
  { key: 'EARLY_NEUTRAL_EVALUATION', label: 'Early neutral evaluation' },
  { key: "MEDIATORS_PROPOSAL", label: "Mediator's proposal" },
  { key: 'ARBITRATION', label: 'Arbitration' },
  { key: 'LITIGATION', label: 'Litigation' },
  { key: 'CLOSED', label: 'Closed (withdrawn, dismissed, judgment)' },
  { key: 'OTHER', label: 'Other' },
  { key: 'STILL_AT_IMPASSE', label: 'Still at impasse' },
] as const;

const NEXT_COLUMNS = [
  { key: 'CASES', label: 'Referrals', definition: 'Referrals that ended in the period not settled or settled in part, by where the case went next.', kind: 'COUNT' as const },
  { key: 'SETTLED', label: 'Settled since', definition: 'Of those, cases closed settled by the day of the report.', kind: 'COUNT' as const },
  { key: 'ENDED_OTHERWISE', label: 'Ended otherwise', definition: 'Cases closed another way (award, judgment, dismissal, withdrawal) by the day of the report.', kind: 'COUNT' as const },
  { key: 'OPEN', label: 'Still open', definition: 'Cases not closed on the day of the report.', kind: 'COUNT' as const },
];

export interface NextStepRow {
  next: string;
  CASES: number;
  SETTLED: number;
  ENDED_OTHERWISE: number;
  OPEN: number;
}

/** How a table of another file joins the period's suppression: its cells, its sums, and the shared totals it adds up to. */
export interface ReportBuilder {
  /** A new cell of the system with its value (a total of others: suppressed last when a complement is needed). */
  cell(value: number, isTotal?: boolean): number;
  /** `result` is the sum of `parts`. */
  sum(result: number, parts: number[]): void;
  value(cell: number): number;
  /** The caseload form's total row: every breakdown of the period's referrals adds up to it. */
  caseloadTotal(column: CaseloadColumnKey): number;
  /** Every referral that ended in the period (held, not held or returned), and those settled in full or in part. */
  disposedTotal: number;
  settledAnyTotal: number;
}
/** After the suppression: a cell's shown value (null when suppressed), whether it is suppressed, and its count (for a rate of shown counts). */
export interface ShownCells {
  value(cell: number): number | null;
  suppressed(cell: number): boolean;
  raw(cell: number): number;
}
/** A table of the period's report: adds its cells to the system, and makes its table once the system is suppressed. */
export type ReportPart = (builder: ReportBuilder) => (shown: ShownCells) => FigureTable;

/**
 * Everything a program's Reports page shows for a period, suppressed as **one** system: the
 * caseload form, the settlement rates of its three breakdowns and the days table publish the
 * same facts more than once (the caseload's settled count of a case type is the rates table's;
 * every breakdown's total is the caseload's total row; the referrals a median is over are the
 * held or disposed total), so a count hidden in one output must not be recomputable through
 * another. The cells are the caseload's, plus the figures' own counts tied to them by their sums.
 */
export function programReport(
  caseloadCounts: readonly CaseloadCounts[],
  outcomeCounts: readonly OutcomeCountRow[],
  days: readonly DaysRow[],
  k: number,
  nextSteps: readonly NextStepRow[] = [],
  parts: readonly ReportPart[] = [],
): { caseload: CaseloadTable; figures: FigureTable[]; system: { table: LinearTable; suppressed: ReadonlySet<number>; published: (c: number) => boolean } } {
  const { table: caseload, rowKeys, columnKeys, at } = caseloadLinearTable(caseloadCounts);
  const values = [...caseload.values];
  const relations: (readonly Term[])[] = [...caseload.relations];
  const totals = new Set(caseload.totals);
  const cell = (value: number, isTotal = false) => {
    values.push(value);
    if (isTotal) totals.add(values.length - 1);
    return values.length - 1;
  };
  const sum = (result: number, parts: number[]) => relations.push([{ cell: result, coefficient: -1 }, ...parts.map((p) => ({ cell: p, coefficient: 1 }))]);

  /** The count cells of one row of a rates table: DISPOSED, HELD, SETTLED, SETTLED_IN_PART, SETTLED_ANY. */
  type CountCells = Record<CountKey, number>;
  const totalRow = rowKeys.length - 1;
  // By case type: the caseload's own cells, with the two sums the rates need.
  const byCaseType: CountCells[] = rowKeys.map((_, row) => {
    const disposed = cell(['HELD', 'NOT_HELD', 'RETURNED_TO_DOCKET'].reduce((n, c) => n + values[at(row, c as never)]!, 0), true);
    sum(disposed, [at(row, 'HELD'), at(row, 'NOT_HELD'), at(row, 'RETURNED_TO_DOCKET')]);
    const any = cell(values[at(row, 'SETTLED')]! + values[at(row, 'SETTLED_IN_PART')]!, true);
    sum(any, [at(row, 'SETTLED'), at(row, 'SETTLED_IN_PART')]);
    return { DISPOSED: disposed, HELD: at(row, 'HELD'), SETTLED: at(row, 'SETTLED'), SETTLED_IN_PART: at(row, 'SETTLED_IN_PART'), SETTLED_ANY: any };
  });
  const total = byCaseType[totalRow]!;
  // The other breakdowns: cells of their own, whose groups add up to the same total.
  const found = new Map(outcomeCounts.map((c) => [`${c.breakdown}/${c.group}`, c]));
  const otherBreakdowns = OWN_BREAKDOWNS.map((b) => {
    const groups = b.groups.map((g) => {
      const row = found.get(`${b.key}/${g.key}`);
      const counts = {
        DISPOSED: cell(row?.DISPOSED ?? 0),
        HELD: cell(row?.HELD ?? 0),
        SETTLED: cell(row?.SETTLED ?? 0),
        SETTLED_IN_PART: cell(row?.SETTLED_IN_PART ?? 0),
        SETTLED_ANY: cell((row?.SETTLED ?? 0) + (row?.SETTLED_IN_PART ?? 0), true),
      };
      sum(counts.SETTLED_ANY, [counts.SETTLED, counts.SETTLED_IN_PART]);
      return counts;
    });
    for (const column of COUNTS.map((c) => c.key)) sum(total[column], groups.map((g) => g[column]));
    return { breakdown: b, groups };
  });
  // The days table's counts: the disposed total and the held total by definition; first referrals on their own.
  const byMeasure = new Map(days.map((d) => [d.measure, d]));
  const nCells: Record<string, number> = {
    TO_MEDIATOR: cell(byMeasure.get('TO_MEDIATOR')?.n ?? 0),
    TO_FIRST_SESSION: total.HELD,
    TO_DISPOSITION: total.DISPOSED,
  };

  // Where the referrals not fully settled went next: rows add up to the form's not settled plus settled in part.
  const nextFound = new Map(nextSteps.map((r) => [r.next, r]));
  const nextColumns = NEXT_COLUMNS.map((c) => c.key) as (keyof Omit<NextStepRow, 'next'>)[];
  const nextRows = NEXT_STEPS.map((step) => {
    const row = nextFound.get(step.key);
    const cells = Object.fromEntries(nextColumns.map((c) => [c, cell(row?.[c] ?? 0, c === 'CASES')])) as Record<(typeof nextColumns)[number], number>;
    sum(cells.CASES, [cells.SETTLED, cells.ENDED_OTHERWISE, cells.OPEN]);
    return cells;
  });
  const nextTotal = Object.fromEntries(nextColumns.map((c) => [c, cell(nextRows.reduce((n, r) => n + values[r[c]]!, 0), true)])) as Record<(typeof nextColumns)[number], number>;
  for (const c of nextColumns) sum(nextTotal[c], nextRows.map((r) => r[c]));
  sum(nextTotal.CASES, [nextTotal.SETTLED, nextTotal.ENDED_OTHERWISE, nextTotal.OPEN]);
  relations.push([
    { cell: nextTotal.CASES, coefficient: -1 },
    { cell: at(totalRow, 'NOT_SETTLED'), coefficient: 1 },
    { cell: at(totalRow, 'SETTLED_IN_PART'), coefficient: 1 },
  ]);

  // The tables of other files (reporting/trend.ts, reporting/mediators.ts): cells of their own, tied to these by their sums.
  const builder: ReportBuilder = {
    cell,
    sum,
    value: (c) => values[c]!,
    caseloadTotal: (column) => at(totalRow, column),
    disposedTotal: total.DISPOSED,
    settledAnyTotal: total.SETTLED_ANY,
  };
  const partTables = parts.map((part) => part(builder));

  const { suppressed } = suppressSmallCells({ values, relations, totals }, k);
  const shown = (c: number) => (suppressed.has(c) ? null : values[c]!);

  const caseloadRows = rowKeys.map((key, row) => ({
    caseType: key,
    label: key === 'TOTAL' ? 'Total' : CASE_TYPE_ROWS.find((r) => r.key === key)!.label,
    cells: columnKeys.map((column) => ({ column, count: shown(at(row, column)), suppressed: suppressed.has(at(row, column)) })),
  }));
  const caseloadSuppressed = caseload.values.reduce((n, _, c) => n + (suppressed.has(c) ? 1 : 0), 0);

  const columns: FigureColumn[] = [...COUNTS.map((c) => ({ ...c, kind: 'COUNT' as const })), ...RATES.map(({ key, label, definition }) => ({ key, label, definition, kind: 'RATE' as const }))];
  const rateRow = (key: string, label: string, counts: CountCells): FigureRow => ({
    key,
    label,
    cells: [
      ...COUNTS.map(({ key: column }) => ({ column, value: shown(counts[column]), suppressed: suppressed.has(counts[column]) })),
      ...RATES.map((rate) => {
        const hidden = suppressed.has(counts[rate.numerator]) || suppressed.has(counts[rate.denominator]);
        const denominator = values[counts[rate.denominator]]!;
        const value = hidden || denominator === 0 ? null : Math.round((values[counts[rate.numerator]]! / denominator) * 1000) / 1000;
        return { column: rate.key, value, suppressed: hidden };
      }),
    ],
  });
  const caseTypeBreakdown = BREAKDOWNS.find((b) => b.key === 'BY_CASE_TYPE')!;
  const figures: FigureTable[] = [
    {
      key: caseTypeBreakdown.key,
      title: caseTypeBreakdown.title,
      rowsAre: caseTypeBreakdown.rowsAre,
      columns,
      rows: rowKeys.map((key, row) => rateRow(key, caseloadRows[row]!.label, byCaseType[row]!)),
    },
    ...otherBreakdowns.map(({ breakdown, groups }) => ({
      key: breakdown.key,
      title: breakdown.title,
      rowsAre: breakdown.rowsAre,
      columns,
      rows: [...breakdown.groups.map((g, i) => rateRow(g.key, g.label, groups[i]!)), rateRow('TOTAL', 'Total', total)],
    })),
    {
      key: 'NEXT_STEPS',
      title: 'Where referrals not fully settled went next',
      rowsAre: 'Went next to',
      columns: NEXT_COLUMNS,
      rows: [...NEXT_STEPS.map((step, i) => ({ key: step.key, label: step.label, nextCells: nextRows[i]! })), { key: 'TOTAL', label: 'Total', nextCells: nextTotal }].map(({ key, label, nextCells }) => ({
        key,
        label,
        cells: nextColumns.map((column) => ({ column, value: shown(nextCells[column]), suppressed: suppressed.has(nextCells[column]) })),
      })),
    },
    {
      key: 'DAYS',
      title: 'Days from referral',
      rowsAre: 'From referral to',
      columns: [
        { key: 'N', label: 'Referrals', definition: 'How many referrals the figures are over.', kind: 'COUNT' },
        { key: 'MEDIAN', label: 'Median days', definition: 'Half took this many days or fewer.', kind: 'DAYS' },
        { key: 'P90', label: '90th percentile, days', definition: 'Nine in ten took this many days or fewer.', kind: 'DAYS' },
      ],
      rows: MEASURES.map((m) => {
        const n = nCells[m.key]!;
        const hidden = suppressed.has(n);
        const row = byMeasure.get(m.key);
        const stat = (value: number | null | undefined) => (hidden || values[n] === 0 || value === undefined ? null : value);
        return {
          key: m.key,
          label: m.label,
          cells: [
            { column: 'N', value: shown(n), suppressed: hidden },
            { column: 'MEDIAN', value: stat(row?.median), suppressed: hidden },
            { column: 'P90', value: stat(row?.p90), suppressed: hidden },
          ],
        };
      }),
    },
    ...partTables.map((make) => make({ value: shown, suppressed: (c) => suppressed.has(c), raw: (c) => values[c]! })),
  ];
  return {
    caseload: { rows: caseloadRows, suppressedCells: caseloadSuppressed },
    figures,
    // For the tests: the system the suppression solved, and which of its cells some output shows.
    system: { table: { values, relations, totals }, suppressed, published: (c) => !suppressed.has(c) },
  };
}

export const DAYS_DEFINITIONS = MEASURES;

/** A figures table as CSV: the same rows as the screen, suppressed figures as "suppressed", a rate as its fraction. */
export function figureCsv(table: FigureTable): string {
  const header = [table.rowsAre, ...table.columns.map((c) => c.label)];
  const body = table.rows.map((row) => [row.label, ...row.cells.map((cell) => (cell.suppressed ? SUPPRESSED_TEXT : cell.value === null ? '' : String(cell.value)))]);
  return stringify([header, ...body], { record_delimiter: 'windows' });
}
