import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recomputable } from '../../test/support/suppression-oracle.js';
import { CASE_TYPE_ROWS, caseloadLinearTable, type CaseloadCounts } from './caseload.js';
import { programReport } from './figures.js';

/** The form alone, as the Reports page suppresses it (with no other output beside it). */
const caseloadTable = (counts: readonly CaseloadCounts[], k: number) => programReport(counts, [], [], k).caseload;

const DISPOSED = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER', 'RETURNED_TO_DOCKET'] as const;
const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 300 }));

/** Counts as the statement returns them, consistent: end pending is what the balance leaves. */
const statementRows = fc.array(
  fc.record({
    caseType: fc.constantFrom(...CASE_TYPE_ROWS.map((r) => r.key)),
    BEGIN_PENDING: count,
    REFERRED: count,
    ...Object.fromEntries(DISPOSED.map((key) => [key, count])),
  }),
  { maxLength: 7 },
).map((rows) => {
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.caseType) && seen.add(r.caseType))
    .map((r) => {
      const disposed = DISPOSED.reduce((sum, key) => sum + (r as unknown as Record<string, number>)[key]!, 0);
      const begin = Math.max(r.BEGIN_PENDING, disposed - r.REFERRED);
      return { ...r, BEGIN_PENDING: begin, END_PENDING: begin + r.REFERRED - disposed } as CaseloadCounts;
    });
});

describe('the caseload table', () => {
  it('adds up: rows to the total, parts to their subtotals, pending and referred to disposed and pending', () => {
    fc.assert(
      fc.property(statementRows, (rows) => {
        const { table } = caseloadLinearTable(rows);
        for (const relation of table.relations) {
          expect(relation.reduce((sum, term) => sum + term.coefficient * table.values[term.cell]!, 0)).toBe(0);
        }
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('never shows a count of 1 to k−1, and no suppressed figure can be worked out from the shown ones and the sums', () => {
    fc.assert(
      fc.property(statementRows, fc.integer({ min: 2, max: 12 }), (rows, k) => {
        const result = caseloadTable(rows, k);
        const { table } = caseloadLinearTable(rows);
        const cells = result.rows.flatMap((row) => row.cells);
        const suppressed = new Set(cells.flatMap((cell, i) => (cell.suppressed ? [i] : [])));
        for (const cell of cells) {
          if (cell.count !== null) expect(cell.count === 0 || cell.count >= k).toBe(true);
          expect(cell.count === null).toBe(cell.suppressed);
        }
        expect(recomputable(table, suppressed)).toEqual([]);
        expect(result.suppressedCells).toBe(suppressed.size);
      }),
      { seed: 2, numRuns: 25 },
    );
  });

  it('has every row of the form, in its order, and the total last', () => {
    expect(caseloadTable([], 11).rows.map((r) => r.caseType)).toEqual(['TORT', 'CONTRACT', 'REAL_PROPERTY', 'PROBATE_ESTATE', 'FAMILY', 'JUVENILE', 'OTHER_CIVIL', 'TOTAL']);
    expect(caseloadTable([], 11).suppressedCells).toBe(0);
  });
});
