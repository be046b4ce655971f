import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recomputable } from '../../test/support/suppression-oracle.js';
import { CASE_TYPE_ROWS, type CaseloadCounts } from './caseload.js';
import { programReport, type FigureTable, type OutcomeCountRow } from './figures.js';
import { mediatorsPart, type MediatorCounts } from './mediators.js';
import { trendBuckets, trendPart, trendUnit, type TrendCounts } from './trend.js';

const DISPOSED = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER', 'RETURNED_TO_DOCKET'] as const;
const HELD = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'] as const;
const MEDIATORS = ['m-1', 'm-2', 'm-3', null] as const;
const FROM = '2026-01-01';
const TO = '2026-06-30';
const BUCKETS = trendBuckets(FROM, TO, 'month').map((b) => b.key);

/** A period's referrals, one record per group of alike referrals: as the statements would count them. */
const periods = fc.array(
  fc.record({
    caseType: fc.constantFrom(...CASE_TYPE_ROWS.map((r) => r.key)),
    disposition: fc.constantFrom(...DISPOSED, null),
    before: fc.boolean(),
    mediator: fc.constantFrom(...MEDIATORS),
    bucket: fc.constantFrom(...BUCKETS),
    count: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 60 })),
  }),
  { maxLength: 25 },
);
type Record_ = { caseType: string; disposition: string | null; before: boolean; mediator: string | null; bucket: string; count: number };

function counted(records: Record_[]) {
  const caseload = new Map<string, CaseloadCounts>();
  const trend = new Map<string, TrendCounts>();
  const mediators = new Map<string | null, MediatorCounts>();
  const outcomes = new Map<string, OutcomeCountRow>();
  for (const r of records) {
    const row = (caseload.get(r.caseType) ?? { caseType: r.caseType }) as unknown as Record<string, number>;
    const add = (o: Record<string, number>, key: string, n: number) => (o[key] = (o[key] ?? 0) + n);
    add(row, r.before ? 'BEGIN_PENDING' : 'REFERRED', r.count);
    add(row, r.disposition ?? 'END_PENDING', r.count);
    caseload.set(r.caseType, row as unknown as CaseloadCounts);
    const m = mediators.get(r.mediator) ?? { mediatorId: r.mediator, name: r.mediator && `Mediator ${r.mediator}`, REFERRED: 0, SETTLED: 0, SETTLED_IN_PART: 0, NOT_SETTLED: 0, HELD_OTHER: 0 };
    if (!r.before) m.REFERRED += r.count;
    if ((HELD as readonly (string | null)[]).includes(r.disposition)) m[r.disposition as (typeof HELD)[number]] += r.count;
    mediators.set(r.mediator, m);
    if (!r.disposition) continue;
    const t = trend.get(r.bucket) ?? { bucket: r.bucket, SETTLED: 0, SETTLED_IN_PART: 0, NOT_SETTLED: 0, HELD_OTHER: 0, NOT_HELD: 0, RETURNED_TO_DOCKET: 0 };
    add(t as unknown as Record<string, number>, r.disposition.startsWith('NOT_HELD') ? 'NOT_HELD' : r.disposition, r.count);
    trend.set(r.bucket, t);
    for (const [breakdown, group] of [
      ['BY_REFERRAL_SOURCE', 'NONE'],
      ['BY_ORDER', 'VOLUNTARY'],
    ] as const) {
      const o = outcomes.get(breakdown) ?? { breakdown, group, DISPOSED: 0, HELD: 0, SETTLED: 0, SETTLED_IN_PART: 0 };
      o.DISPOSED += r.count;
      if ((HELD as readonly string[]).includes(r.disposition)) o.HELD += r.count;
      if (r.disposition === 'SETTLED') o.SETTLED += r.count;
      if (r.disposition === 'SETTLED_IN_PART') o.SETTLED_IN_PART += r.count;
      outcomes.set(breakdown, o);
    }
  }
  return { caseload: [...caseload.values()], trend: [...trend.values()], mediators: [...mediators.values()], outcomes: [...outcomes.values()] };
}

function report(records: Record_[], k: number) {
  const { caseload, trend, mediators, outcomes } = counted(records);
  return programReport(caseload, outcomes, [], k, [], [trendPart(trend, FROM, TO), mediatorsPart(mediators)]);
}
const table = (figures: FigureTable[], key: string) => figures.find((t) => t.key === key)!;
const values = (t: FigureTable, row: string) => Object.fromEntries(t.rows.find((r) => r.key === row)!.cells.map((c) => [c.column, c.value]));

describe('outcomes over time and figures by mediator, suppressed with the period’s report', () => {
  it('leave no hidden count recomputable from everything shown together, and show no count of 1 to k−1 (the exact oracle)', () => {
    fc.assert(
      fc.property(periods, fc.integer({ min: 2, max: 12 }), (records, k) => {
        const r = report(records, k);
        expect(recomputable(r.system.table, r.system.suppressed)).toEqual([]);
        for (const key of ['OUTCOMES_OVER_TIME', 'BY_MEDIATOR']) {
          const t = table(r.figures, key);
          for (const row of t.rows) {
            for (const c of row.cells) {
              const kind = t.columns.find((col) => col.key === c.column)!.kind;
              if (kind === 'COUNT' && c.value !== null) expect(c.value === 0 || c.value >= k).toBe(true);
              if (c.suppressed) expect(c.value).toBeNull();
            }
          }
        }
      }),
      { seed: 7, numRuns: 15 },
    );
  });

  it('add up: the months and the mediators to the caseload form’s total row, which they show alike', () => {
    fc.assert(
      fc.property(periods, (records) => {
        const r = report(records, 2);
        const form = Object.fromEntries(r.caseload.rows.at(-1)!.cells.map((c) => [c.column, c.count]));
        const trendTotal = values(table(r.figures, 'OUTCOMES_OVER_TIME'), 'TOTAL');
        const mediatorTotal = values(table(r.figures, 'BY_MEDIATOR'), 'TOTAL');
        for (const column of ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'NOT_HELD', 'RETURNED_TO_DOCKET']) expect(trendTotal[column]).toBe(form[column]);
        for (const column of ['REFERRED', 'HELD', 'SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER']) expect(mediatorTotal[column]).toBe(form[column]);
        // Where nothing is suppressed, the rows add up to the total row.
        const t = table(r.figures, 'OUTCOMES_OVER_TIME');
        const shown = t.rows.slice(0, -1);
        if (shown.every((row) => row.cells.every((c) => !c.suppressed))) {
          for (const column of t.columns) {
            expect(shown.reduce((n, row) => n + row.cells.find((c) => c.column === column.key)!.value!, 0)).toBe(trendTotal[column.key]);
          }
        }
      }),
      { seed: 8, numRuns: 12 },
    );
  });

  it('hides a mediator with fewer than k referrals, and whatever would give their counts away from the total', () => {
    // Two mediators: one with 30 held sessions, one with 4; k = 11.
    const records: Record_[] = [
      { caseType: 'TORT', disposition: 'SETTLED', before: false, mediator: 'm-1', bucket: '2026-01-01', count: 18 },
      { caseType: 'TORT', disposition: 'NOT_SETTLED', before: false, mediator: 'm-1', bucket: '2026-02-01', count: 12 },
      { caseType: 'TORT', disposition: 'SETTLED', before: false, mediator: 'm-2', bucket: '2026-01-01', count: 4 },
    ];
    const r = report(records, 11);
    const byMediator = table(r.figures, 'BY_MEDIATOR');
    const small = values(byMediator, 'm-2');
    expect([small.REFERRED, small.HELD, small.SETTLED, small.SETTLED_OF_HELD]).toEqual([null, null, null, null]);
    // The large mediator's held and settled counts would give the small one's away from the total: not both shown.
    const large = values(byMediator, 'm-1');
    const total = values(byMediator, 'TOTAL');
    expect(large.HELD !== null && total.HELD !== null).toBe(false);
    expect(large.SETTLED !== null && total.SETTLED !== null).toBe(false);
    expect(recomputable(r.system.table, r.system.suppressed)).toEqual([]);
    // No "no mediator" row when every referral had one.
    expect(byMediator.rows.map((row) => row.key)).toEqual(['m-1', 'm-2', 'TOTAL']);
  });
});

describe('the months and quarters of a period', () => {
  it('are months for up to 13 months touched, quarters for up to 21 quarters, else years, partial ones included', () => {
    expect(trendUnit('2025-12-04', '2026-12-03')).toBe('month');
    expect(trendUnit('2025-12-04', '2027-01-03')).toBe('quarter');
    expect(trendUnit('2021-01-01', '2026-03-31')).toBe('quarter');
    expect(trendUnit('2021-01-01', '2026-04-01')).toBe('year');
    expect(trendBuckets('2024-06-01', '2026-02-01', 'year').map((b) => b.label)).toEqual(['2024', '2025', '2026']);
    expect(trendBuckets('2025-12-04', '2026-02-03', 'month')).toEqual([
      { key: '2025-12-01', label: 'Dec 2025' },
      { key: '2026-01-01', label: 'Jan 2026' },
      { key: '2026-02-01', label: 'Feb 2026' },
    ]);
    expect(trendBuckets('2025-11-15', '2026-04-01', 'quarter')).toEqual([
      { key: '2025-10-01', label: '2025 Q4' },
      { key: '2026-01-01', label: '2026 Q1' },
      { key: '2026-04-01', label: '2026 Q2' },
    ]);
  });
});
