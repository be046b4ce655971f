import type { FigureColumn, FigureRow, ReportPart } from './figures.js';

/**
 * **Figures by mediator**, for the program's administrators (policy `report.read`): for each
 * mediator of the program's referrals in the period,
 *
 * - **Referred**: referrals referred in the period (the caseload form's "Referred" column);
 * - over the referrals that **ended** in the period with a session held: sessions held, settled,
 *   settled in part, not settled, other (held), as the form counts them;
 * - **settlement rates of sessions held**: settled ÷ sessions held, and settled in full or in part
 *   ÷ sessions held.
 *
 * **A referral's mediator** is the last mediator to join the case before the referral ended (for
 * a referral still open, before the report is made). A mediator joins a case when they open it
 * (the case's first timeline row is theirs and they are its mediator), or when their proposal as
 * mediator is accepted (`mediator_assignments.accepted_at`). So a case re-mediated with a new
 * mediator counts its first referral for the first mediator and its second for the new one.
 * Referrals whose case had no mediator yet are a row of their own ("No mediator yet"), so the
 * rows add up to the form's total row.
 *
 * Suppressed with the rest of the period's report (figures.ts `programReport`): every column
 * over the mediators adds up to the form's total row and each row's parts to its sessions held,
 * so a mediator with fewer than k referrals is hidden, with what would give them away.
 */

export const MEDIATOR_COUNTS = [
  { key: 'REFERRED', label: 'Referred', definition: 'Referrals referred in the period, of this mediator.' },
  { key: 'HELD', label: 'Sessions held', definition: 'Referrals that ended in the period after a session started (any outcome).' },
  { key: 'SETTLED', label: 'Settled', definition: 'Held and settled in full.' },
  { key: 'SETTLED_IN_PART', label: 'Settled in part', definition: 'Held and settled in part.' },
  { key: 'NOT_SETTLED', label: 'Not settled', definition: 'Held, no agreement.' },
  { key: 'HELD_OTHER', label: 'Other (held)', definition: 'A session started; the case left mediation without a recorded outcome.' },
  { key: 'SETTLED_ANY', label: 'Settled in full or in part', definition: 'Settled plus settled in part.' },
] as const;
type CountKey = (typeof MEDIATOR_COUNTS)[number]['key'];
const HELD_PARTS = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'] as const;

const MEDIATOR_RATES = [
  { key: 'SETTLED_OF_HELD', label: 'Settled, of sessions held', definition: 'Settled ÷ sessions held.', numerator: 'SETTLED', denominator: 'HELD' },
  {
    key: 'SETTLED_ANY_OF_HELD',
    label: 'Settled in full or in part, of sessions held',
    definition: 'Settled in full or in part ÷ sessions held.',
    numerator: 'SETTLED_ANY',
    denominator: 'HELD',
  },
] as const;

/** The row of referrals whose case had no mediator yet when they ended. */
export const NO_MEDIATOR = { key: 'NONE', label: 'No mediator yet' };

/**
 * One statement: the program's referrals referred or ended in the period, each with its
 * mediator (the last to join the case before the referral ended, or before now if it is open),
 * counted per mediator. `$1` program, `$2` first day, `$3` last day.
 */
export const MEDIATORS_SQL = `
  WITH rounds AS (
    SELECT r.case_id, r.referred_on, r.disposed_on, r.disposition,
           COALESCE((SELECT ev.created_at FROM case_events ev WHERE ev.case_id = r.case_id AND ev.seq = r.closed_seq), now()) AS ended_at
      FROM program_rounds r
     WHERE r.program_id = $1 AND (r.referred_on BETWEEN $2 AND $3 OR r.disposed_on BETWEEN $2 AND $3)
  ), attributed AS (
    SELECT r.*,
           (SELECT j.mediator FROM (
               -- the mediator who opened the case
               SELECT ev.actor_user_id AS mediator, ev.created_at AS at FROM case_events ev
                 JOIN participants pa ON pa.case_id = ev.case_id AND pa.user_id = ev.actor_user_id AND pa.role = 'MEDIATOR'
                WHERE ev.case_id = r.case_id AND ev.seq = 1
               UNION ALL
               -- a proposed mediator, once accepted
               SELECT ma.mediator_user_id, ma.accepted_at FROM mediator_assignments ma
                WHERE ma.case_id = r.case_id AND ma.accepted_at IS NOT NULL
             ) j WHERE j.at <= r.ended_at ORDER BY j.at DESC LIMIT 1) AS mediator
      FROM rounds r
  )
  SELECT a.mediator AS "mediatorId", u.display_name AS name,
         count(*) FILTER (WHERE a.referred_on BETWEEN $2 AND $3)::int AS "REFERRED",
         ${HELD_PARTS.map((p) => `count(*) FILTER (WHERE a.disposed_on BETWEEN $2 AND $3 AND a.disposition = '${p}')::int AS "${p}"`).join(',\n         ')}
    FROM attributed a LEFT JOIN users u ON u.id = a.mediator
   GROUP BY a.mediator, u.display_name`;

export type MediatorCounts = { mediatorId: string | null; name: string | null } & Record<'REFERRED' | (typeof HELD_PARTS)[number], number>;

/** The figures-by-mediator table as a part of the period's report (figures.ts `programReport`). */
export function mediatorsPart(counts: readonly MediatorCounts[]): ReportPart {
  // Mediators by name (then id: two of the same name stay apart and in the same order); no mediator last.
  const mediators = counts
    .filter((c) => c.mediatorId !== null)
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.mediatorId!.localeCompare(b.mediatorId!));
  const none = counts.find((c) => c.mediatorId === null);
  return (b) => {
    const rowCells = (c: MediatorCounts | undefined): Record<CountKey, number> => {
      const parts = Object.fromEntries(HELD_PARTS.map((p) => [p, b.cell(c?.[p] ?? 0)])) as Record<(typeof HELD_PARTS)[number], number>;
      const held = b.cell(HELD_PARTS.reduce((n, p) => n + b.value(parts[p]), 0), true);
      b.sum(held, HELD_PARTS.map((p) => parts[p]));
      const any = b.cell(b.value(parts.SETTLED) + b.value(parts.SETTLED_IN_PART), true);
      b.sum(any, [parts.SETTLED, parts.SETTLED_IN_PART]);
      return { REFERRED: b.cell(c?.REFERRED ?? 0), HELD: held, SETTLED_ANY: any, ...parts };
    };
    const rows = [
      ...mediators.map((m) => ({ key: m.mediatorId!, label: m.name ?? 'A mediator', cells: rowCells(m), hideWhenEmpty: false })),
      // Always in the system (its counts are part of the sums); shown only when it has any.
      { key: NO_MEDIATOR.key, label: NO_MEDIATOR.label, cells: rowCells(none), hideWhenEmpty: true },
    ];
    const total: Record<CountKey, number> = {
      REFERRED: b.caseloadTotal('REFERRED'),
      HELD: b.caseloadTotal('HELD'),
      SETTLED: b.caseloadTotal('SETTLED'),
      SETTLED_IN_PART: b.caseloadTotal('SETTLED_IN_PART'),
      NOT_SETTLED: b.caseloadTotal('NOT_SETTLED'),
      HELD_OTHER: b.caseloadTotal('HELD_OTHER'),
      SETTLED_ANY: b.settledAnyTotal,
    };
    for (const { key } of MEDIATOR_COUNTS) b.sum(total[key], rows.map((r) => r.cells[key]));
    const columns: FigureColumn[] = [...MEDIATOR_COUNTS.map((c) => ({ ...c, kind: 'COUNT' as const })), ...MEDIATOR_RATES.map(({ key, label, definition }) => ({ key, label, definition, kind: 'RATE' as const }))];
    return (shown) => {
      const figureRow = (key: string, label: string, cells: Record<CountKey, number>): FigureRow => ({
        key,
        label,
        cells: [
          ...MEDIATOR_COUNTS.map(({ key: column }) => ({ column, value: shown.value(cells[column]), suppressed: shown.suppressed(cells[column]) })),
          ...MEDIATOR_RATES.map((rate) => {
            const hidden = shown.suppressed(cells[rate.numerator]) || shown.suppressed(cells[rate.denominator]);
            const denominator = shown.raw(cells[rate.denominator]);
            const value = hidden || denominator === 0 ? null : Math.round((shown.raw(cells[rate.numerator]) / denominator) * 1000) / 1000;
            return { column: rate.key, value, suppressed: hidden };
          }),
        ],
      });
      const empty = (cells: Record<CountKey, number>) => MEDIATOR_COUNTS.every(({ key }) => shown.raw(cells[key]) === 0);
      return {
        key: 'BY_MEDIATOR',
        title: 'Figures by mediator',
        rowsAre: 'Mediator',
        columns,
        rows: [...rows.filter((r) => !(r.hideWhenEmpty && empty(r.cells))).map((r) => figureRow(r.key, r.label, r.cells)), figureRow('TOTAL', 'Total', total)],
      };
    };
  };
}
