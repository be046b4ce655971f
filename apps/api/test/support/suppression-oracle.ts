import type { LinearTable } from '../../src/reporting/suppression.js';

/**
 * The oracle, written apart from the implementation: exact rational arithmetic (BigInt,
 * fraction-free elimination) and the rank test. A suppressed cell can be recomputed from the
 * published cells exactly when adding its unit vector to the sums (restricted to the suppressed
 * cells) does not raise their rank.
 */
export function recomputable(table: LinearTable, suppressed: ReadonlySet<number>): number[] {
  const hidden = [...suppressed].sort((a, b) => a - b);
  const matrix = table.relations.map((relation) =>
    hidden.map((cell) => BigInt(relation.filter((t) => t.cell === cell).reduce((sum, t) => sum + t.coefficient, 0))),
  );
  const base = rank(matrix);
  return hidden.filter((cell) => rank([...matrix, hidden.map((c) => (c === cell ? 1n : 0n))]) === base);
}

function rank(input: bigint[][]): number {
  const m = input.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p === -1) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i]![c]!;
      if (f === 0n) continue;
      const g = m[r]![c]!;
      m[i] = m[i]!.map((value, j) => value * g - m[r]![j]! * f);
    }
    r++;
  }
  return r;
}

