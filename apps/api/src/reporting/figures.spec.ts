import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recomputable } from '../../test/support/suppression-oracle.js';
import { CASE_TYPE_ROWS, type CaseloadCounts } from './caseload.js';
import { NEXT_STEPS, programReport, REFERRAL_SOURCE_LABELS, type NextStepRow, type OutcomeCountRow } from './figures.js';

const DISPOSED = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER', 'RETURNED_TO_DOCKET'] as const;
const HELD = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'] as const;
const small = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 60 }));

/**
 * A period's referrals, one record per group of alike referrals: case type, source, court order,
 * disposition (or none: still pending) and how many. The caseload and the breakdowns are
 * counted from the same records, so they agree as the statements' answers would.
 */
const periods = fc.array(
  fc.record({
    caseType: fc.constantFrom(...CASE_TYPE_ROWS.map((r) => r.key)),
    source: fc.constantFrom(...Object.keys(REFERRAL_SOURCE_LABELS)),
    ordered: fc.boolean(),
    disposition: fc.constantFrom(...DISPOSED, null),
    before: fc.boolean(),
    next: fc.constantFrom(...NEXT_STEPS.map((n) => n.key)),
    now: fc.constantFrom('SETTLED', 'ENDED_OTHERWISE', 'OPEN'),
    count: small,
  }),
  { maxLength: 25 },
);

function counted(records: { caseType: string; source: string; ordered: boolean; disposition: string | null; before: boolean; next: string; now: string; count: number }[]) {
  const caseload = new Map<string, CaseloadCounts>();
  const outcomes = new Map<string, OutcomeCountRow>();
  const nextSteps = new Map<string, NextStepRow>();
  for (const r of records) {
    const row = caseload.get(r.caseType) ?? ({ caseType: r.caseType } as CaseloadCounts);
    const counts = row as unknown as Record<string, number>;
    const add = (key: string, n: number) => (counts[key] = (counts[key] ?? 0) + n);
    add(r.before ? 'BEGIN_PENDING' : 'REFERRED', r.count);
    if (r.disposition) add(r.disposition, r.count);
    else add('END_PENDING', r.count);
    caseload.set(r.caseType, row);
    if (!r.disposition) continue;
    if (r.disposition === 'NOT_SETTLED' || r.disposition === 'SETTLED_IN_PART') {
      const n = nextSteps.get(r.next) ?? { next: r.next, CASES: 0, SETTLED: 0, ENDED_OTHERWISE: 0, OPEN: 0 };
      n.CASES += r.count;
      n[r.now as 'SETTLED' | 'ENDED_OTHERWISE' | 'OPEN'] += r.count;
      nextSteps.set(r.next, n);
    }
    for (const [breakdown, group] of [
      ['BY_REFERRAL_SOURCE', r.source],
      ['BY_ORDER', r.ordered ? 'COURT_ORDERED' : 'VOLUNTARY'],
    ] as const) {
      const o = outcomes.get(`${breakdown}/${group}`) ?? { breakdown, group, DISPOSED: 0, HELD: 0, SETTLED: 0, SETTLED_IN_PART: 0 };
      o.DISPOSED += r.count;
      if ((HELD as readonly string[]).includes(r.disposition)) o.HELD += r.count;
      if (r.disposition === 'SETTLED') o.SETTLED += r.count;
      if (r.disposition === 'SETTLED_IN_PART') o.SETTLED_IN_PART += r.count;
      outcomes.set(`${breakdown}/${group}`, o);
    }
  }
  return { caseload: [...caseload.values()], outcomes: [...outcomes.values()], nextSteps: [...nextSteps.values()] };
}

describe('the program report, suppressed as one', () => {
  it('leaves no hidden count recomputable from everything the page shows together, and shows no count of 1 to k−1', () => {
    fc.assert(
      fc.property(periods, fc.integer({ min: 2, max: 12 }), (records, k) => {
        const { caseload, outcomes, nextSteps } = counted(records);
        const report = programReport(caseload, outcomes, [], k, nextSteps);
        expect(recomputable(report.system.table, report.system.suppressed)).toEqual([]);
        for (const row of report.caseload.rows) for (const c of row.cells) if (c.count !== null) expect(c.count === 0 || c.count >= k).toBe(true);
        for (const table of report.figures) {
          for (const row of table.rows) {
            for (const c of row.cells) {
              const kind = table.columns.find((col) => col.key === c.column)!.kind;
              if (kind === 'COUNT' && c.value !== null) expect(c.value === 0 || c.value >= k).toBe(true);
              if (c.suppressed) expect(c.value).toBeNull();
            }
          }
        }
      }),
      { seed: 3, numRuns: 40 },
    );
  });

  it('shows the same figure alike wherever it appears: the rates table by case type is the caseload form’s', () => {
    fc.assert(
      fc.property(periods, (records) => {
        const { caseload, outcomes } = counted(records);
        const report = programReport(caseload, outcomes, [], 11);
        const byType = report.figures.find((t) => t.key === 'BY_CASE_TYPE')!;
        for (const [i, row] of report.caseload.rows.entries()) {
          const figure = Object.fromEntries(byType.rows[i]!.cells.map((c) => [c.column, c.value]));
          const form = Object.fromEntries(row.cells.map((c) => [c.column, c.count]));
          expect([figure.HELD, figure.SETTLED, figure.SETTLED_IN_PART]).toEqual([form.HELD, form.SETTLED, form.SETTLED_IN_PART]);
        }
      }),
      { seed: 4, numRuns: 15 },
    );
  });

  it('hides a settled-in-part count that the form’s settled count and the rates’ sum would give away (the leak this guards)', () => {
    // Tort: 19 settled, 3 in part. The form may show 19 only if the rates table does not show 22.
    const caseload: CaseloadCounts[] = [{ caseType: 'TORT', REFERRED: 60, SETTLED: 19, SETTLED_IN_PART: 3, NOT_SETTLED: 20, END_PENDING: 18 }];
    const outcomes: OutcomeCountRow[] = [
      { breakdown: 'BY_REFERRAL_SOURCE', group: 'COURT_ORDER', DISPOSED: 42, HELD: 42, SETTLED: 19, SETTLED_IN_PART: 3 },
      { breakdown: 'BY_ORDER', group: 'COURT_ORDERED', DISPOSED: 42, HELD: 42, SETTLED: 19, SETTLED_IN_PART: 3 },
    ];
    const report = programReport(caseload, outcomes, [], 11);
    const formSettled = report.caseload.rows[0]!.cells.find((c) => c.column === 'SETTLED')!.count;
    const anyOfTort = report.figures[0]!.rows[0]!.cells.find((c) => c.column === 'SETTLED_ANY')!.value;
    expect(formSettled !== null && anyOfTort !== null).toBe(false);
    expect(recomputable(report.system.table, report.system.suppressed)).toEqual([]);
  });
});
