import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isolatedCells, rateShown, suppressSmallCells, type LinearTable, type Term } from './suppression.js';
import { recomputable } from '../../test/support/suppression-oracle.js';

/**
 * A table of `rows` × `columns` inner counts with a total per row, per column and overall,
 * cells numbered row by row, the totals last in each row and in the last row.
 */
function marginTable(inner: number[][]): LinearTable {
  const rows = inner.length;
  const columns = inner[0]!.length;
  const width = columns + 1;
  const cell = (r: number, c: number) => r * width + c;
  const values: number[] = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= columns; c++) {
      const inRows = r < rows ? [r] : [...Array(rows).keys()];
      const inColumns = c < columns ? [c] : [...Array(columns).keys()];
      values.push(inRows.reduce((sum, rr) => sum + inColumns.reduce((s, cc) => s + inner[rr]![cc]!, 0), 0));
    }
  }
  const relations: Term[][] = [];
  for (let r = 0; r <= rows; r++) {
    relations.push([...[...Array(columns).keys()].map((c) => ({ cell: cell(r, c), coefficient: 1 })), { cell: cell(r, columns), coefficient: -1 }]);
  }
  for (let c = 0; c <= columns; c++) {
    relations.push([...[...Array(rows).keys()].map((r) => ({ cell: cell(r, c), coefficient: 1 })), { cell: cell(rows, c), coefficient: -1 }]);
  }
  const totals = new Set<number>();
  for (let r = 0; r <= rows; r++) totals.add(cell(r, columns));
  for (let c = 0; c <= columns; c++) totals.add(cell(rows, c));
  return { values, relations, totals };
}

const innerTables = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 400 })), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

describe('small-cell suppression', () => {
  it('suppresses every count of 1 to k−1, and leaves no suppressed cell recomputable from the published ones', () => {
    fc.assert(
      fc.property(innerTables, fc.integer({ min: 2, max: 15 }), (inner, k) => {
        const table = marginTable(inner);
        const { suppressed, primary } = suppressSmallCells(table, k);
        table.values.forEach((value, cell) => {
          if (value >= 1 && value < k) {
            expect(suppressed.has(cell)).toBe(true);
            expect(primary.has(cell)).toBe(true);
          } else {
            expect(primary.has(cell)).toBe(false);
          }
        });
        expect(recomputable(table, suppressed)).toEqual([]);
        // The implementation's own test agrees with the oracle.
        expect(isolatedCells(table.relations, suppressed)).toEqual([]);
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });

  it('gives the same suppressions for the same figures', () => {
    fc.assert(
      fc.property(innerTables, (inner) => {
        const table = marginTable(inner);
        expect([...suppressSmallCells(table, 11).suppressed].sort()).toEqual([...suppressSmallCells(table, 11).suppressed].sort());
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('chooses the cells that solving again for every candidate would choose (the search takes a shortcut)', () => {
    // The search as first written: for each candidate cell, row-reduce the sums again with it
    // hidden and see whether the cell given away still is. The shortcut must hide the same cells.
    function solvingAgain(table: LinearTable, k: number): Set<number> {
      const { values, relations } = table;
      const totals = table.totals ?? new Set<number>();
      const suppressed = new Set(values.flatMap((v, cell) => (v >= 1 && v < k ? [cell] : [])));
      const preference = (a: number, b: number) => Number(totals.has(a)) - Number(totals.has(b)) || values[a]! - values[b]! || a - b;
      for (;;) {
        const isolated = isolatedCells(relations, suppressed);
        if (isolated.length === 0) return suppressed;
        const target = isolated[0]!;
        const open = (cell: number) => !suppressed.has(cell);
        const givenAway = new Set(isolated);
        const neighbours = [...new Set(relations.filter((r) => r.some((t) => givenAway.has(t.cell))).flatMap((r) => r.map((t) => t.cell)))].filter(open).sort(preference);
        const frees = (cell: number) => !isolatedCells(relations, new Set([...suppressed, cell])).includes(target);
        const everyone = values.map((_, cell) => cell).filter(open).sort(preference);
        suppressed.add(neighbours.find(frees) ?? neighbours[0] ?? everyone.find(frees) ?? everyone[0]!);
      }
    }
    // Margin tables, and pairs of them sharing their total row (as the form and the figures do).
    const shared = (a: LinearTable, b: LinearTable): LinearTable => {
      const offset = a.values.length;
      // Tied by their grand totals, as every breakdown of the figures is tied to the form's total.
      return {
        values: [...a.values, ...b.values],
        relations: [
          ...a.relations,
          ...b.relations.map((r) => r.map((t) => ({ cell: t.cell + offset, coefficient: t.coefficient }))),
          [{ cell: a.values.length - 1, coefficient: 1 }, { cell: offset + b.values.length - 1, coefficient: -1 }],
        ],
        totals: new Set([...(a.totals ?? []), ...[...(b.totals ?? [])].map((c) => c + offset)]),
      };
    };
    fc.assert(
      fc.property(innerTables, innerTables, fc.integer({ min: 2, max: 15 }), (one, other, k) => {
        const a = marginTable(one);
        const both = shared(a, marginTable(other));
        for (const table of [a, both]) {
          const sort = (cells: Set<number>) => [...cells].sort((x, y) => x - y);
          expect(sort(new Set(suppressSmallCells(table, k).suppressed))).toEqual(sort(solvingAgain(table, k)));
        }
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it('hides a rectangle of four inner cells for one small count in a table of large ones (the least it can)', () => {
    // 3 × 3 inner cells, one of them 4: it and three others at the corners of a rectangle.
    const table = marginTable([
      [4, 20, 30],
      [25, 40, 50],
      [60, 70, 80],
    ]);
    const { suppressed, primary } = suppressSmallCells(table, 11);
    expect([...primary]).toEqual([0]);
    expect(suppressed.size).toBe(4);
    // The smallest partners: 20 in its row, 25 in its column, and 40 to close the rectangle.
    expect([...suppressed].sort((a, b) => a - b)).toEqual([0, 1, 4, 5]);
    expect(recomputable(table, suppressed)).toEqual([]);
  });

  it('shows zeros and large counts as they are', () => {
    const table = marginTable([
      [0, 20],
      [30, 0],
    ]);
    expect(suppressSmallCells(table, 11).suppressed.size).toBe(0);
  });

  it('recognises a cell given away through several sums at once', () => {
    // x + y = a, y + z = b, x + z = c: all three hidden, x is still (a − b + c) / 2.
    const table: LinearTable = {
      values: [3, 30, 30, 33, 60, 33],
      relations: [
        [{ cell: 0, coefficient: 1 }, { cell: 1, coefficient: 1 }, { cell: 3, coefficient: -1 }],
        [{ cell: 1, coefficient: 1 }, { cell: 2, coefficient: 1 }, { cell: 4, coefficient: -1 }],
        [{ cell: 0, coefficient: 1 }, { cell: 2, coefficient: 1 }, { cell: 5, coefficient: -1 }],
      ],
    };
    expect(isolatedCells(table.relations, new Set([0, 1, 2]))).toEqual([0, 1, 2]);
    const { suppressed } = suppressSmallCells(table, 11);
    expect(recomputable(table, suppressed)).toEqual([]);
  });

  it('suppresses a rate whose numerator or denominator is suppressed', () => {
    expect(rateShown(new Set([1]), 1, 2)).toBe(false);
    expect(rateShown(new Set([2]), 1, 2)).toBe(false);
    expect(rateShown(new Set([3]), 1, 2)).toBe(true);
  });
});
