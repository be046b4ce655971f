/**
 * Small-cell suppression for published counts (pure: no I/O).
 *
 * A count of very few cases can name a case, and with it what happened in a confidential
 * process. CMS's cell-suppression policy shows no cell from 1 to 10 and no cell that can be
 * worked out from the others; zero may be shown. Here `k` is the smallest count shown (CMS: 11).
 *
 * - **Primary**: every cell counting 1 to k−1 cases is suppressed.
 * - **Complementary**: a table's cells are tied by its sums (a row's parts add up to its
 *   total, every column adds up to the total row, what was pending plus what came in equals what
 *   left plus what is still pending). Once a cell is suppressed, a reader who knows those sums can
 *   recompute it from the published cells when some combination of the sums isolates it. Cells
 *   are suppressed until no suppressed cell is isolated: for every suppressed cell, at least two
 *   values fit the published cells and every sum of the table (linear algebra over the reals:
 *   the cell's unit vector is outside the row space of the sums restricted to the suppressed
 *   cells).
 * - Which cell goes next: among the cells that would stop the isolation, an inner cell before a
 *   total, then the smallest count, then the first; so the table loses as little as it can and the
 *   same figures always give the same suppressions.
 * - A rate whose numerator or denominator is suppressed is suppressed (`rateShown`).
 *
 * What it does not claim: bounds. A reader still learns that a suppressed primary cell lies
 * between 1 and k−1 (the rule is public) and that a row's suppressed cells add up to what the
 * published cells leave over; no suppressed cell is ever given, or can be recomputed, exactly.
 */

/** One term of a sum of the table: `coefficient` × the cell's value. */
export interface Term {
  readonly cell: number;
  readonly coefficient: number;
}

/** A table of counts and the sums that tie them: each relation's terms add up to zero. */
export interface LinearTable {
  readonly values: readonly number[];
  readonly relations: readonly (readonly Term[])[];
  /** Cells that are totals of others (suppressed last when a complement is needed). */
  readonly totals?: ReadonlySet<number>;
}

export interface Suppression {
  /** Every suppressed cell, primary and complementary (the output never tells them apart). */
  readonly suppressed: ReadonlySet<number>;
  /** The cells suppressed because they count 1 to k−1 cases. */
  readonly primary: ReadonlySet<number>;
}

/** The default smallest count shown, as in CMS's cell-suppression policy (no cell of 1 to 10). */
export const DEFAULT_MIN_CELL = 11;

const EPSILON = 1e-9;

/** Whether a count must be suppressed on its own. */
export function isSmall(value: number, k: number): boolean {
  return value >= 1 && value < k;
}

export function suppressSmallCells(table: LinearTable, k: number): Suppression {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a whole number of at least 1');
  const { values, relations } = table;
  const totals = table.totals ?? new Set<number>();
  const primary = new Set<number>();
  values.forEach((value, cell) => {
    if (isSmall(value, k)) primary.add(cell);
  });
  const suppressed = new Set(primary);
  const preference = (a: number, b: number) =>
    Number(totals.has(a)) - Number(totals.has(b)) || values[a]! - values[b]! || a - b;
  // Each cell's terms: the column of the sums' matrix that hiding it adds.
  const termsOf = new Map<number, { relation: number; coefficient: number }[]>();
  relations.forEach((relation, r) => {
    for (const term of relation) {
      const list = termsOf.get(term.cell) ?? [];
      list.push({ relation: r, coefficient: term.coefficient });
      termsOf.set(term.cell, list);
    }
  });
  // Each round finds a suppressed cell that the published cells still give away and suppresses
  // one more cell; every round suppresses a new cell, so it ends (at worst with every cell).
  for (;;) {
    const found = analyse(relations, suppressed);
    if (found.isolated.length === 0) break;
    const target = found.isolated[0]!;
    const open = (cell: number) => !suppressed.has(cell);
    // The cells that share a sum with a cell given away are the ones that can hide it; try them
    // first (a full search over every cell only when none of them alone does).
    const givenAway = new Set(found.isolated);
    const neighbours = [...new Set(relations.filter((r) => r.some((t) => givenAway.has(t.cell))).flatMap((r) => r.map((t) => t.cell)))].filter(open).sort(preference);
    // Whether hiding `cell` too stops the sums isolating the target, without solving again: the
    // combinations of sums that give the target away are `y0` plus any combination `z` that
    // cancels on every suppressed cell (the left null space). Hiding `cell` adds its column `a`;
    // one of them still isolates the target unless y0·a ≠ 0 and z·a = 0 for every such z.
    const y0 = found.combination.get(target)!;
    const dot = (y: Float64Array, cell: number) => (termsOf.get(cell) ?? []).reduce((sum, t) => sum + y[t.relation]! * t.coefficient, 0);
    const frees = (cell: number) => Math.abs(dot(y0, cell)) >= EPSILON && found.cancelling.every((z) => Math.abs(dot(z, cell)) < EPSILON);
    let chosen = neighbours.find(frees);
    if (chosen === undefined) {
      const everyone = values.map((_, cell) => cell).filter(open).sort(preference);
      if (everyone.length === 0) break; // cannot happen: with every cell hidden nothing is isolated
      // No single cell frees it (it is isolated through several sums): hide a neighbour in one
      // of its sums and look again.
      chosen = neighbours[0] ?? everyone.find(frees) ?? everyone[0]!;
    }
    suppressed.add(chosen);
  }
  return { suppressed, primary };
}

/**
 * The suppressed cells that the table's sums isolate: a combination of the sums holds that cell
 * and, besides it, only published cells. Row-reduces the sums restricted to the suppressed cells;
 * a cell is isolated exactly when it is a pivot whose reduced row has nothing else.
 */
export function isolatedCells(relations: readonly (readonly Term[])[], suppressed: ReadonlySet<number>): number[] {
  const columns = [...suppressed].sort((a, b) => a - b);
  if (columns.length === 0) return [];
  const index = new Map(columns.map((cell, i) => [cell, i]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    for (const term of relation) {
      const i = index.get(term.cell);
      if (i !== undefined) {
        row[i]! += term.coefficient;
        any = true;
      }
    }
    if (any) rows.push(row);
  }
  const pivotRows = reduce(rows, columns.length);
  const isolated: number[] = [];
  for (const [column, row] of pivotRows) {
    if (row.every((value, i) => i === column || Math.abs(value) < EPSILON)) isolated.push(columns[column]!);
  }
  return isolated;
}

/**
 * `isolatedCells` with what the search needs besides: every relation is a row (the relations
 * without a suppressed cell too) carrying the combination of relations it is, row-reduced on
 * the suppressed cells. A pivot row with nothing else is an isolated cell and its combination
 * the sums that give it away; the rows left over cancel on every suppressed cell.
 */
function analyse(relations: readonly (readonly Term[])[], suppressed: ReadonlySet<number>) {
  const columns = [...suppressed].sort((a, b) => a - b);
  const index = new Map(columns.map((cell, i) => [cell, i]));
  const width = columns.length;
  const height = relations.length;
  const rows = relations.map((relation, r) => {
    const row = new Float64Array(width + height);
    for (const term of relation) {
      const i = index.get(term.cell);
      if (i !== undefined) row[i]! += term.coefficient;
    }
    row[width + r] = 1;
    return row;
  });
  const full = width + height;
  let next = 0;
  const pivots: [number, Float64Array][] = [];
  for (let column = 0; column < width && next < height; column++) {
    let best = next;
    for (let r = next + 1; r < height; r++) if (Math.abs(rows[r]![column]!) > Math.abs(rows[best]![column]!)) best = r;
    if (Math.abs(rows[best]![column]!) < EPSILON) continue;
    [rows[next], rows[best]] = [rows[best]!, rows[next]!];
    const pivot = rows[next]!;
    const scale = pivot[column]!;
    for (let i = 0; i < full; i++) pivot[i]! /= scale;
    for (let r = 0; r < height; r++) {
      if (r === next) continue;
      const row = rows[r]!;
      const factor = row[column]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let i = 0; i < full; i++) row[i]! -= factor * pivot[i]!;
    }
    pivots.push([column, pivot]);
    next++;
  }
  const isolated: number[] = [];
  const combination = new Map<number, Float64Array>();
  for (const [column, row] of pivots) {
    let alone = true;
    for (let i = 0; i < width && alone; i++) if (i !== column && Math.abs(row[i]!) >= EPSILON) alone = false;
    if (alone) {
      isolated.push(columns[column]!);
      combination.set(columns[column]!, row.subarray(width));
    }
  }
  return { isolated, combination, cancelling: rows.slice(next).map((row) => row.subarray(width)) };
}

/** Reduced row echelon form in place; the pivot column → its row. */
function reduce(rows: number[][], width: number): Map<number, number[]> {
  const pivots = new Map<number, number[]>();
  let next = 0;
  for (let column = 0; column < width && next < rows.length; column++) {
    let best = next;
    for (let r = next + 1; r < rows.length; r++) if (Math.abs(rows[r]![column]!) > Math.abs(rows[best]![column]!)) best = r;
    if (Math.abs(rows[best]![column]!) < EPSILON) continue;
    [rows[next], rows[best]] = [rows[best]!, rows[next]!];
    const pivot = rows[next]!;
    const scale = pivot[column]!;
    for (let i = 0; i < width; i++) pivot[i]! /= scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === next) continue;
      const factor = rows[r]![column]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let i = 0; i < width; i++) rows[r]![i]! -= factor * pivot[i]!;
    }
    pivots.set(column, pivot);
    next++;
  }
  return pivots;
}

/** A rate is shown only when both its numerator and its denominator are. */
export function rateShown(suppressed: ReadonlySet<number>, numerator: number, denominator: number): boolean {
  return !suppressed.has(numerator) && !suppressed.has(denominator);
}
