import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { STALL_REASONS } from '@impasse/case-machine';
import { stallQuarters, stallTable, suppressStallRows, type StallCounts } from './stalls.js';

/**
 * What a reader of one row can work out, by brute force: every assignment of the hidden cells that
 * agrees with the shown cells and with what always holds of a row (0 ≤ nᵣ ≤ N, N ≤ Σ nᵣ).
 */
function consistent(row: { cases: number; reasons: number[] }, hidden: { cases: boolean; reasons: boolean[] }): number[][] {
  const bound = row.cases + row.reasons.reduce((a, b) => a + b, 0) + 1;
  const worlds: number[][] = [];
  for (let n = hidden.cases ? 0 : row.cases; n <= (hidden.cases ? bound : row.cases); n++) {
    const walk = (i: number, picked: number[]) => {
      if (i === row.reasons.length) {
        if (picked.reduce((a, b) => a + b, 0) >= n) worlds.push([n, ...picked]);
        return;
      }
      if (!hidden.reasons[i]) {
        if (row.reasons[i]! <= n) walk(i + 1, [...picked, row.reasons[i]!]);
        return;
      }
      for (let v = 0; v <= n; v++) walk(i + 1, [...picked, v]);
    };
    walk(0, []);
  }
  return worlds;
}

/** A row as it happens: each counted case has a non-empty set of the reasons. */
const row = (reasons: number) =>
  fc.array(fc.uniqueArray(fc.nat(reasons - 1), { minLength: 1, maxLength: reasons }), { maxLength: 6 }).map((cases) => ({
    cases: cases.length,
    reasons: Array.from({ length: reasons }, (_, r) => cases.filter((c) => c.includes(r)).length),
  }));

describe('the stall table’s suppression', () => {
  it('hides small counts and a reason every counted case shares, and leaves no hidden count, nor a shared reason, to be worked out', () => {
    fc.assert(
      fc.property(fc.array(row(3), { minLength: 1, maxLength: 3 }), fc.integer({ min: 2, max: 4 }), (rows, k) => {
        const result = suppressStallRows(rows, k);
        rows.forEach((r, i) => {
          const hidden = result[i]!;
          const cells = [r.cases, ...r.reasons];
          const flags = [hidden.cases, ...hidden.reasons];
          // Primary: small counts, and a reason equal to a case count of at least 1.
          cells.forEach((value, c) => {
            if (value >= 1 && value < k) expect(flags[c]).toBe(true);
          });
          r.reasons.forEach((n, j) => {
            if (r.cases >= 1 && n === r.cases) expect(hidden.reasons[j]).toBe(true);
          });
          // Complementary: no hidden cell has one value in every consistent world, and no hidden reason is forced to be N.
          const worlds = consistent(r, hidden);
          expect(worlds).toContainEqual(cells);
          flags.forEach((isHidden, c) => {
            if (!isHidden) return;
            expect(new Set(worlds.map((w) => w[c])).size).toBeGreaterThan(1);
            if (c > 0) expect(worlds.some((w) => w[c] !== w[0])).toBe(true);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('shows a row with no small count and no shared reason as it is', () => {
    expect(suppressStallRows([{ cases: 20, reasons: [12, 0, 15] }], 11)).toEqual([{ cases: false, reasons: [false, false, false] }]);
  });

  it('hides a reason every case shares with a second reason, the smallest', () => {
    expect(suppressStallRows([{ cases: 20, reasons: [20, 0, 15] }], 11)).toEqual([{ cases: false, reasons: [true, true, false] }]);
  });
});

const quarter = (key: string, counts: Partial<StallCounts>): StallCounts =>
  ({ quarter: key, inside: true, ended: true, CASES: 0, ...Object.fromEntries(STALL_REASONS.map((r) => [r, 0])), ...counts }) as StallCounts;

describe('the stall table', () => {
  it('shows only the quarters wholly inside the period that have ended, and says why the others are not', () => {
    const counts = [
      quarter('2025-10-01', { inside: false }),
      quarter('2026-01-01', { CASES: 12, TIMING: 12, POSTURING: 11 }),
      quarter('2026-04-01', { ended: false }),
    ];
    expect(stallQuarters(counts, '2025-11-15', '2026-06-30')).toEqual([
      { key: '2025-10-01', label: '2025 Q4', status: 'PARTLY_OUTSIDE_PERIOD' },
      { key: '2026-01-01', label: '2026 Q1', status: 'SHOWN' },
      { key: '2026-04-01', label: '2026 Q2', status: 'NOT_ENDED' },
    ]);
    const { table } = stallTable(counts, '2025-11-15', '2026-06-30', 11);
    expect(table.rows.map((r) => r.label)).toEqual(['2026 Q1']);
    const cells = Object.fromEntries(table.rows[0]!.cells.map((c) => [c.column, c.suppressed ? 'suppressed' : c.value]));
    expect(cells).toMatchObject({ CASES: 12, TIMING: 'suppressed', POSTURING: 11 });
    // Timing is every case's: hidden, with a second reason (a zero, the smallest).
    expect(Object.values(cells).filter((v) => v === 'suppressed')).toHaveLength(2);
  });
});
