import type { FigureColumn, ReportPart } from './figures.js';

/**
 * **Outcomes over time**: the referrals that ended in the period (the caseload form's held, not
 * held and returned columns, and the rates tables' "referrals that ended"), by the month of their
 * disposition date; by calendar quarter when the period touches more than 13 months, by calendar
 * year when more than 21 quarters (`trendUnit`). The first and last month, quarter or year are
 * only their days inside the period. Columns: how each
 * referral ended, as the form counts it (settled, settled in part, not settled, other after a
 * session, not held for any reason, returned to the regular docket) and their sum.
 *
 * Suppressed with the rest of the period's report: each month's columns add up to its total, and
 * each column over the months adds up to the form's total row, so a hidden month cannot be
 * worked out from the form, nor a hidden column of the form from the months.
 */

export type TrendUnit = 'month' | 'quarter' | 'year';

export const TREND_COLUMNS = [
  { key: 'SETTLED', label: 'Settled', definition: 'Held and settled in full.' },
  { key: 'SETTLED_IN_PART', label: 'Settled in part', definition: 'Held and settled in part.' },
  { key: 'NOT_SETTLED', label: 'Not settled', definition: 'Held, no agreement.' },
  { key: 'HELD_OTHER', label: 'Other (held)', definition: 'A session started; the case left mediation without a recorded outcome.' },
  { key: 'NOT_HELD', label: 'Not held', definition: 'Ended without a session, for any reason (the form’s four "not held" columns).' },
  { key: 'RETURNED_TO_DOCKET', label: 'Returned to regular docket', definition: 'Left mediation before a session for litigation or another ADR process.' },
  { key: 'DISPOSED', label: 'Referrals that ended', definition: 'Every referral that ended in the month or quarter: the sum of the columns before.' },
] as const;
type TrendColumn = (typeof TREND_COLUMNS)[number]['key'];
const PARTS = TREND_COLUMNS.filter((c) => c.key !== 'DISPOSED').map((c) => c.key) as Exclude<TrendColumn, 'DISPOSED'>[];

/**
 * One statement: the referrals that ended in the period, counted by the month or quarter of their
 * disposition date. `$1` program, `$2` first day, `$3` last day, `$4` 'month', 'quarter' or 'year'.
 */
export const TREND_SQL = `
  SELECT to_char(date_trunc($4, r.disposed_on::timestamp), 'YYYY-MM-DD') AS bucket,
         count(*) FILTER (WHERE r.disposition = 'SETTLED')::int AS "SETTLED",
         count(*) FILTER (WHERE r.disposition = 'SETTLED_IN_PART')::int AS "SETTLED_IN_PART",
         count(*) FILTER (WHERE r.disposition = 'NOT_SETTLED')::int AS "NOT_SETTLED",
         count(*) FILTER (WHERE r.disposition = 'HELD_OTHER')::int AS "HELD_OTHER",
         count(*) FILTER (WHERE r.disposition IN ('NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER'))::int AS "NOT_HELD",
         count(*) FILTER (WHERE r.disposition = 'RETURNED_TO_DOCKET')::int AS "RETURNED_TO_DOCKET"
    FROM program_rounds r
   WHERE r.program_id = $1 AND r.disposed_on BETWEEN $2 AND $3
   GROUP BY 1`;

export type TrendCounts = { bucket: string } & Record<Exclude<TrendColumn, 'DISPOSED'>, number>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Months when the period touches at most 13 of them (a year from any day), calendar quarters when
 * it touches at most 21 (five years), else calendar years.
 */
export function trendUnit(from: string, to: string): TrendUnit {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  if (months <= 13) return 'month';
  const quarters = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 4 + Math.floor((Number(to.slice(5, 7)) - 1) / 3) - Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  return quarters <= 21 ? 'quarter' : 'year';
}

/** Every month or quarter the period touches, in order: its first day (as the statement names it) and its label. */
export function trendBuckets(from: string, to: string, unit: TrendUnit): { key: string; label: string }[] {
  const step = { month: 1, quarter: 3, year: 12 }[unit];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7)) - 1;
  month -= month % step;
  const last = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1;
  const buckets: { key: string; label: string }[] = [];
  while (year * 12 + month <= last) {
    const key = `${year}-${String(month + 1).padStart(2, '0')}-01`;
    buckets.push({ key, label: unit === 'month' ? `${MONTHS[month]} ${year}` : unit === 'quarter' ? `${year} Q${month / 3 + 1}` : String(year) });
    month += step;
    if (month >= 12) {
      month -= 12;
      year += 1;
    }
  }
  return buckets;
}

/** The outcomes-over-time table as a part of the period's report (figures.ts `programReport`). */
export function trendPart(counts: readonly TrendCounts[], from: string, to: string): ReportPart {
  const unit = trendUnit(from, to);
  const buckets = trendBuckets(from, to, unit);
  const found = new Map(counts.map((c) => [c.bucket, c]));
  return (b) => {
    const rows = buckets.map((bucket) => {
      const row = found.get(bucket.key);
      const parts = Object.fromEntries(PARTS.map((p) => [p, b.cell(row?.[p] ?? 0)])) as Record<(typeof PARTS)[number], number>;
      const disposed = b.cell(PARTS.reduce((n, p) => n + b.value(parts[p]), 0), true);
      b.sum(disposed, PARTS.map((p) => parts[p]));
      return { bucket, cells: { ...parts, DISPOSED: disposed } as Record<TrendColumn, number> };
    });
    // Each column over the months is the form's total row (not held: its four columns' sum).
    const totals: Record<TrendColumn, number> = {
      SETTLED: b.caseloadTotal('SETTLED'),
      SETTLED_IN_PART: b.caseloadTotal('SETTLED_IN_PART'),
      NOT_SETTLED: b.caseloadTotal('NOT_SETTLED'),
      HELD_OTHER: b.caseloadTotal('HELD_OTHER'),
      NOT_HELD: b.caseloadTotal('NOT_HELD'),
      RETURNED_TO_DOCKET: b.caseloadTotal('RETURNED_TO_DOCKET'),
      DISPOSED: b.disposedTotal,
    };
    for (const column of TREND_COLUMNS) b.sum(totals[column.key], rows.map((r) => r.cells[column.key]));
    const columns: FigureColumn[] = TREND_COLUMNS.map((c) => ({ ...c, kind: 'COUNT' }));
    return (shown) => ({
      key: 'OUTCOMES_OVER_TIME',
      title: `How referrals ended, by ${unit}`,
      rowsAre: { month: 'Month', quarter: 'Quarter', year: 'Year' }[unit],
      columns,
      rows: [...rows.map((r) => ({ key: r.bucket.key, label: r.bucket.label, cells: r.cells })), { key: 'TOTAL', label: 'Total', cells: totals }].map((r) => ({
        key: r.key,
        label: r.label,
        cells: TREND_COLUMNS.map(({ key }) => ({ column: key, value: shown.value(r.cells[key]), suppressed: shown.suppressed(r.cells[key]) })),
      })),
    });
  };
}
