import { STALL_REASONS, type StallReason } from '@impasse/case-machine';
import type { FigureColumn, FigureTable } from './figures.js';
import { suppressSmallCells, type Term } from './suppression.js';
import { trendBuckets } from './trend.js';

/**
 * **Stall reasons, by calendar quarter** (docs/reporting.md "Stall reasons"), for the program's
 * administrators (policy `report.read`, like every report of a program).
 *
 * A stall reason is the mediator's assessment of a stalled session: case-shared, not
 * court-reportable. It reaches a program's report only through this declassification, and only in
 * this shape:
 *
 * - **What is counted**: for each calendar quarter (in the program's time zone) that has **ended**
 *   and lies **wholly inside** the report's period, the cases of the program with each stall reason
 *   recorded in that quarter, and the cases with any stall reason recorded in it (the denominator
 *   of the reasons' shares, named "Cases with a stall reason"). A case counts once per reason per
 *   quarter; a case with two reasons counts under both; the program is the case's program when the
 *   reason was recorded (`stall_reason_records`, written with the `RECORD_STALL_REASON`
 *   transition, its time the timeline row's).
 * - **Why whole quarters that have ended**: a period is chosen freely, so two reports of periods a
 *   day apart could be differenced into what happened on that day. Here a report of any period is a
 *   set of whole quarters, and a quarter that has ended never changes (its records are append-only
 *   and every new record is of the quarter now running), so the difference of two reports is whole
 *   quarters, each of which any report shows as itself, suppressed the same way. A quarter still
 *   running is not shown (it would change from day to day); `stallQuarters` says which quarters of
 *   the period are shown and why the others are not.
 * - **No total row**: a case can have reasons recorded in several quarters, so no sum over the
 *   quarters is a count of cases; none is published.
 *
 * Suppressed on its own (`suppressStallRows`), not with the caseload form's system: none of its
 * counts is a sum or a part of a figure of the form or of the other tables (they count referrals by
 * how and when they ended; these count cases by when a reason was recorded, whatever became of the
 * referral), so no combination of the other tables' sums gives one of these away, nor the other
 * way round.
 */

/** The reasons as the dashboard names them (its sentence case of the statechart's values). */
export const STALL_REASON_LABELS: Record<StallReason, string> = {
  LACKED_INFORMATION: 'Lacked information',
  UNREALISTIC_EXPECTATIONS: 'Unrealistic expectations',
  NO_AUTHORITY_PRESENT: 'No authority present',
  POSTURING: 'Posturing',
  MEDIATOR_FIT: 'Mediator fit',
  EMOTIONS: 'Emotions',
  TIMING: 'Timing',
  OTHER: 'Other',
};

export const STALL_TABLE_KEY = 'STALL_REASONS';

export const STALL_COLUMNS: FigureColumn[] = [
  {
    key: 'CASES',
    label: 'Cases with a stall reason',
    definition: 'Cases of the program with any stall reason recorded in the quarter: what each reason’s count is a share of.',
    kind: 'COUNT',
  },
  ...STALL_REASONS.map((reason) => ({
    key: reason,
    label: STALL_REASON_LABELS[reason],
    definition: `Cases of the program with “${STALL_REASON_LABELS[reason].toLowerCase()}” recorded as a stall reason in the quarter.`,
    kind: 'COUNT' as const,
  })),
];

/**
 * The record a `RECORD_STALL_REASON` transition writes in its transaction, after the statement that
 * appended its timeline row (so `timeline_head_seq` is that row): `$1` case, `$2` reason. The
 * table's trigger fills in the case's program and the timeline row's time.
 */
export const RECORD_STALL_REASON_SQL = `
  INSERT INTO stall_reason_records (case_id, event_seq, reason)
  SELECT id, timeline_head_seq, $2 FROM cases WHERE id = $1`;

/**
 * One statement: every calendar quarter the period touches, whether it is shown (wholly inside the
 * period and ended before today in the program's time zone), and for a shown quarter the cases of
 * the program with each stall reason recorded in it and with any. `$1` program, `$2` first day,
 * `$3` last day.
 */
export const STALL_SQL = `
  WITH program AS (
    SELECT time_zone AS zone, (now() AT TIME ZONE time_zone)::date AS today FROM programs WHERE id = $1
  ), quarters AS (
    SELECT q::date AS starts, (q + interval '3 months')::date AS ends
      FROM generate_series(date_trunc('quarter', $2::date::timestamp), $3::date::timestamp, interval '3 months') q
  ), marked AS (
    SELECT q.starts, q.ends, p.zone,
           (q.starts >= $2::date AND q.ends <= $3::date + 1) AS inside,
           (q.ends <= p.today) AS ended
      FROM quarters q CROSS JOIN program p
  ), recorded AS (
    -- The program's records of the period's quarters (one index range), each by its quarter;
    -- a case counts once per reason and quarter.
    SELECT DISTINCT (date_trunc('quarter', r.recorded_at AT TIME ZONE p.zone))::date AS starts, r.case_id, r.reason
      FROM stall_reason_records r CROSS JOIN program p
     WHERE r.program_id = $1
       AND r.recorded_at >= (date_trunc('quarter', $2::date::timestamp) AT TIME ZONE p.zone)
       AND r.recorded_at < (($3::date + 1)::timestamp AT TIME ZONE p.zone)
  )
  SELECT to_char(m.starts, 'YYYY-MM-DD') AS quarter, m.inside, m.ended,
         count(DISTINCT r.case_id)::int AS "CASES",
         ${STALL_REASONS.map((reason) => `count(*) FILTER (WHERE r.reason = '${reason}')::int AS "${reason}"`).join(',\n         ')}
    FROM marked m
    LEFT JOIN recorded r ON m.inside AND m.ended AND r.starts = m.starts
   GROUP BY m.starts, m.inside, m.ended
   ORDER BY m.starts`;

export type StallCounts = { quarter: string; inside: boolean; ended: boolean; CASES: number } & Record<StallReason, number>;

export type StallQuarterStatus = 'SHOWN' | 'NOT_ENDED' | 'PARTLY_OUTSIDE_PERIOD';

export interface StallQuarter {
  /** The quarter's first day. */
  key: string;
  label: string;
  status: StallQuarterStatus;
}

/**
 * Suppression of the stall table (pure): which cells of each quarter's row are hidden. A row is the
 * quarter's case count `cases` (N) and its reasons' counts (n₁ … n_m).
 *
 * **What a reader knows of a row** is not a sum: the reasons are not a partition (a case may have
 * several), so Σ nᵣ is not N. What holds is inequalities: 0 ≤ nᵣ ≤ N for each reason (a reason is
 * recorded on at most every counted case) and N ≤ Σ nᵣ (each counted case has a reason). Rows are
 * not tied to each other (no total row) nor to the other tables.
 *
 * - **Primary**: a count of 1 to k−1, and a reason whose count equals N ≥ 1 (every counted case
 *   shares it: shown, it would be each case's reason).
 * - **Complementary**: whenever a row hides a reason, it hides at least one more. That is enough
 *   against those inequalities: with two or more reasons hidden, every hidden count can move by one
 *   and stay consistent with everything shown (a hidden reason below N can go up by one, raising N
 *   with it when N is hidden; a hidden reason equal to N can go down by one while another hidden
 *   reason goes up, or alone when that one is already N), so none is given exactly, and no hidden
 *   reason is known to equal N. A single hidden reason is not: N − (the shown reasons' sum) bounds
 *   it from below, which can pin it to N (all the others shown as 0) or rule out that it is small,
 *   so that it must be the one every case shares. N itself is hidden only when small: it is then
 *   never alone (some reason is between 1 and N, so small too), and with two hidden reasons it is
 *   not determined either (N ≤ Σ nᵣ leaves it room upwards).
 *
 * The search is suppression.ts's, over a stand-in relation per row that ties its reasons alone
 * (Σ nᵣ = a constant): "a hidden cell is isolated by it" is exactly "it is the row's only hidden
 * reason", so the search hides a second reason (the smallest count first, as everywhere) until no
 * row has one alone. It is not a sum the report publishes; it only drives the choice. A reason
 * every case shares is handed to the search as a small count (1), so that it is primary; the
 * stand-in's value is used for nothing else (which cell is chosen as a complement looks only at
 * cells still shown).
 */
export function suppressStallRows(rows: readonly { cases: number; reasons: readonly number[] }[], k: number): { cases: boolean; reasons: boolean[] }[] {
  // With one reason there is no second to hide it among (the statechart has eight).
  if (rows.some((row) => row.reasons.length < 2)) throw new RangeError('a stall row needs at least two reasons');
  const values: number[] = [];
  const relations: Term[][] = [];
  const cells = rows.map((row) => {
    const cases = values.push(row.cases) - 1;
    const reasons = row.reasons.map((n) => values.push(row.cases >= 1 && n === row.cases ? 1 : n) - 1);
    relations.push(reasons.map((cell) => ({ cell, coefficient: 1 })));
    return { cases, reasons };
  });
  const { suppressed } = suppressSmallCells({ values, relations }, k);
  return cells.map((row) => ({ cases: suppressed.has(row.cases), reasons: row.reasons.map((cell) => suppressed.has(cell)) }));
}

/** The quarters the period touches, each with whether the stall table shows it. */
export function stallQuarters(counts: readonly StallCounts[], from: string, to: string): StallQuarter[] {
  const found = new Map(counts.map((c) => [c.quarter, c]));
  return trendBuckets(from, to, 'quarter').map(({ key, label }) => {
    const row = found.get(key);
    const status: StallQuarterStatus = !row || !row.ended ? 'NOT_ENDED' : !row.inside ? 'PARTLY_OUTSIDE_PERIOD' : 'SHOWN';
    return { key, label, status };
  });
}

/** The stall table of a period: a row per shown quarter, suppressed; no total row. */
export function stallTable(counts: readonly StallCounts[], from: string, to: string, k: number): { table: FigureTable; quarters: StallQuarter[] } {
  const quarters = stallQuarters(counts, from, to);
  const found = new Map(counts.map((c) => [c.quarter, c]));
  const shown = quarters.filter((q) => q.status === 'SHOWN').map((q) => ({ quarter: q, counts: found.get(q.key)! }));
  const hidden = suppressStallRows(
    shown.map(({ counts: c }) => ({ cases: c.CASES, reasons: STALL_REASONS.map((r) => c[r]) })),
    k,
  );
  return {
    quarters,
    table: {
      key: STALL_TABLE_KEY,
      title: 'Stall reasons, by quarter',
      rowsAre: 'Quarter',
      columns: STALL_COLUMNS,
      rows: shown.map(({ quarter, counts: c }, i) => ({
        key: quarter.key,
        label: quarter.label,
        cells: [
          { column: 'CASES', value: hidden[i]!.cases ? null : c.CASES, suppressed: hidden[i]!.cases },
          ...STALL_REASONS.map((reason, r) => ({ column: reason, value: hidden[i]!.reasons[r] ? null : c[reason], suppressed: hidden[i]!.reasons[r]! })),
        ],
      })),
    },
  };
}
