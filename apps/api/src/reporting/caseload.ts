import { stringify } from 'csv-stringify/sync';
import type { LinearTable, Term } from './suppression.js';

/**
 * The NCSC ADR caseload report of one program over a period (the National Center for State
 * Courts' "ADR caseload" form): rows by case type, columns from what was pending at the start
 * through what happened to each referral to what is pending at the end. docs/reporting.md has
 * the same definitions for a clerk; every figure is a count of `program_rounds`.
 *
 * - **A referral** is a round (`database/migrations/…-ProgramRounds.ts`): the case's referral to
 *   the program's mediation, and each later return to it (a re-mediation after an impasse, a
 *   session rescheduled after one was not held, a court's order of mediation). A re-mediated
 *   case counts once per round, each by its own outcome.
 * - **Its date**: the referral date entered on the case for the first round (the day the case
 *   was opened when none was entered); for a later round the day it re-opened; in the program's
 *   time zone.
 * - **Its disposition and date**: the day and way it left the mediation track (never before its
 *   referral date).
 * - **Pending on a day**: referred on or before that day and not disposed on or before it.
 *   Begin pending is pending at the end of the day before the period; end pending, at the end of
 *   its last day. So begin pending + referred = held + not held + returned + end pending.
 * - **Case types**: the case's dispute type, as the NCSC rows group them (below).
 */

export const CASE_TYPE_ROWS = [
  { key: 'TORT', label: 'Tort', disputeTypes: ['PERSONAL_INJURY'] },
  // The Court Statistics Project counts employment disputes and business agreements (partnership
  // and operating agreements) as contract cases.
  { key: 'CONTRACT', label: 'Contract', disputeTypes: ['CONTRACT', 'EMPLOYMENT', 'BUSINESS'] },
  { key: 'REAL_PROPERTY', label: 'Real property', disputeTypes: ['REAL_PROPERTY'] },
  { key: 'PROBATE_ESTATE', label: 'Probate/estate', disputeTypes: ['PROBATE_ESTATE'] },
  { key: 'FAMILY', label: 'Family', disputeTypes: ['FAMILY'] },
  // No dispute type of the product is a juvenile matter; the row is on the form, so it is shown.
  { key: 'JUVENILE', label: 'Juvenile', disputeTypes: [] },
  { key: 'OTHER_CIVIL', label: 'Other civil', disputeTypes: ['OTHER_CIVIL'] },
] as const;
export type CaseTypeKey = (typeof CASE_TYPE_ROWS)[number]['key'] | 'TOTAL';

export const CASELOAD_COLUMNS = [
  { key: 'BEGIN_PENDING', label: 'Begin pending', definition: 'Referred before the period and not disposed before it.' },
  { key: 'REFERRED', label: 'Referred to ADR program', definition: 'Referred during the period: the referral date of a new case, or the day a case came back to mediation.' },
  { key: 'HELD', label: 'Session(s) held', definition: 'Disposed during the period after a session started: the sum of the four columns after it.' },
  { key: 'SETTLED', label: 'Settled', definition: 'The outcome recorded after the session: settled.' },
  { key: 'SETTLED_IN_PART', label: 'Settled in part', definition: 'The outcome recorded after the session: a partial agreement.' },
  { key: 'NOT_SETTLED', label: 'Not settled', definition: 'The outcome recorded after the session: no agreement.' },
  { key: 'HELD_OTHER', label: 'Other (held)', definition: 'A session started, and the case left mediation without a recorded outcome (for example a side withdrew).' },
  { key: 'NOT_HELD', label: 'Session(s) not held', definition: 'Disposed during the period without a session: the sum of the four columns after it.' },
  { key: 'NOT_HELD_PRIOR_SETTLEMENT', label: 'Unnecessary due to prior settlement', definition: 'Recorded as not held because the sides had settled, or the case closed settled before a session.' },
  { key: 'NOT_HELD_INAPPROPRIATE_FOR_ADR', label: 'Inappropriate for ADR', definition: 'Recorded as not held: inappropriate for ADR.' },
  { key: 'NOT_HELD_NO_RESPONSE', label: 'No response from parties', definition: 'Recorded as not held: no response from the parties.' },
  { key: 'NOT_HELD_OTHER', label: 'Other (not held)', definition: 'Recorded as not held for another reason, or the case closed (withdrawn, dismissed, judgment) before a session.' },
  { key: 'RETURNED_TO_DOCKET', label: 'Returned to regular docket', definition: 'Left mediation before a session for litigation or another ADR process.' },
  { key: 'END_PENDING', label: 'End pending', definition: 'Referred by the end of the period and not disposed by then.' },
] as const;
export type CaseloadColumnKey = (typeof CASELOAD_COLUMNS)[number]['key'];

const HELD_PARTS = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'] as const;
const NOT_HELD_PARTS = ['NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER'] as const;

/** The SQL of the case type rows, from the case's dispute type (kept on its round `r`: RoundReportFacts). */
const CASE_TYPE_SQL = `CASE r.dispute_type ${CASE_TYPE_ROWS.flatMap((row) => row.disputeTypes.map((type) => `WHEN '${type}' THEN '${row.key}'`)).join(' ')} ELSE 'OTHER_CIVIL' END`;

/**
 * One statement: every round of the program that could count in the period (referred by its
 * end, not disposed before its start), counted per case type. `$1` program, `$2` first day,
 * `$3` last day (dates in the program's time zone, as the rounds store them).
 */
export const CASELOAD_SQL = `
  SELECT ${CASE_TYPE_SQL} AS "caseType",
         count(*) FILTER (WHERE r.referred_on < $2)::int AS "BEGIN_PENDING",
         count(*) FILTER (WHERE r.referred_on >= $2)::int AS "REFERRED",
         ${[...HELD_PARTS, ...NOT_HELD_PARTS, 'RETURNED_TO_DOCKET']
           .map((key) => `count(*) FILTER (WHERE r.disposed_on <= $3 AND r.disposition = '${key}')::int AS "${key}"`)
           .join(',\n         ')},
         count(*) FILTER (WHERE r.disposed_on IS NULL OR r.disposed_on > $3)::int AS "END_PENDING"
    FROM (-- referred by its end and not disposed before its start: disposed since, or still open
          -- (two index-only scans: RoundReportFacts)
          SELECT dispute_type, referred_on, disposed_on, disposition FROM program_rounds
           WHERE program_id = $1 AND disposed_on >= $2 AND referred_on <= $3
          UNION ALL
          SELECT dispute_type, referred_on, disposed_on, disposition FROM program_rounds
           WHERE program_id = $1 AND disposed_on IS NULL AND referred_on <= $3) r
   GROUP BY 1`;

export type CaseloadCounts = Partial<Record<CaseloadColumnKey, number>> & { caseType: string };

export interface CaseloadCell {
  column: CaseloadColumnKey;
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
}
export interface CaseloadRow {
  caseType: CaseTypeKey;
  label: string;
  cells: CaseloadCell[];
}
export interface CaseloadTable {
  rows: CaseloadRow[];
  suppressedCells: number;
}

/** The table's figures as cells (row by row, columns in form order) and the sums that tie them. */
export function caseloadLinearTable(counts: readonly CaseloadCounts[]) {
  const rowKeys: CaseTypeKey[] = [...CASE_TYPE_ROWS.map((r) => r.key), 'TOTAL'];
  const columnKeys = CASELOAD_COLUMNS.map((c) => c.key);
  const width = columnKeys.length;
  const at = (row: number, column: CaseloadColumnKey) => row * width + columnKeys.indexOf(column);
  const values = new Array<number>(rowKeys.length * width).fill(0);
  const byType = new Map(counts.map((c) => [c.caseType, c]));
  const totalRow = rowKeys.length - 1;
  rowKeys.forEach((key, row) => {
    if (row === totalRow) return;
    const found = byType.get(key);
    for (const column of columnKeys) {
      if (column === 'HELD' || column === 'NOT_HELD') continue;
      values[at(row, column)] = found?.[column] ?? 0;
    }
    values[at(row, 'HELD')] = HELD_PARTS.reduce((sum, part) => sum + values[at(row, part)]!, 0);
    values[at(row, 'NOT_HELD')] = NOT_HELD_PARTS.reduce((sum, part) => sum + values[at(row, part)]!, 0);
  });
  for (const column of columnKeys) {
    values[at(totalRow, column)] = rowKeys.slice(0, totalRow).reduce((sum, _, row) => sum + values[at(row, column)]!, 0);
  }

  const relations: Term[][] = [];
  const totals = new Set<number>();
  rowKeys.forEach((_, row) => {
    const term = (column: CaseloadColumnKey, coefficient: number): Term => ({ cell: at(row, column), coefficient });
    relations.push([term('HELD', -1), ...HELD_PARTS.map((p) => term(p, 1))]);
    relations.push([term('NOT_HELD', -1), ...NOT_HELD_PARTS.map((p) => term(p, 1))]);
    relations.push([term('BEGIN_PENDING', 1), term('REFERRED', 1), term('HELD', -1), term('NOT_HELD', -1), term('RETURNED_TO_DOCKET', -1), term('END_PENDING', -1)]);
    totals.add(at(row, 'HELD'));
    totals.add(at(row, 'NOT_HELD'));
  });
  for (const column of columnKeys) {
    relations.push([...rowKeys.slice(0, totalRow).map((_, row) => ({ cell: at(row, column), coefficient: 1 })), { cell: at(totalRow, column), coefficient: -1 }]);
    totals.add(at(totalRow, column));
  }
  const table: LinearTable = { values, relations, totals };
  return { table, rowKeys, columnKeys, at };
}

/** What a suppressed figure says in the CSV (and on the screen): that it was suppressed, never its value. */
export const SUPPRESSED_TEXT = 'suppressed';

/**
 * The table as CSV (RFC 4180, a header row, one row per case type, the total last): the same
 * figures as the screen, built from the same rows, suppressed cells written as "suppressed".
 */
export function caseloadCsv(rows: readonly CaseloadRow[]): string {
  const header = ['Case type', ...CASELOAD_COLUMNS.map((c) => c.label)];
  const body = rows.map((row) => [row.label, ...row.cells.map((cell) => (cell.suppressed ? SUPPRESSED_TEXT : String(cell.count)))]);
  return stringify([header, ...body], { record_delimiter: 'windows' });
}
