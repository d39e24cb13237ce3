import type { Dimension } from './dimensions';
import type { RawStatistics } from './tabulation';

/** The smallest cell ever published: as the CTDC global dataset (k-anonymised with k = 11). */
export const MIN_CELL_FLOOR = 11;

/** A published count: the number, or `<k` when it is suppressed. */
export type PublishedCount = number | string;

/** `total = sum of parts`: a relation a reader can use to recover a hidden cell by subtraction. */
export interface Additivity {
  total: string;
  parts: readonly string[];
}

/**
 * Which cells to hide so that none under k can be read or recovered.
 * 1. Primary: every cell under k (zero included: "fewer than k" is all a reader learns).
 * 2. Complementary, per relation, until stable: a relation whose total is published must hide
 *    0 or at least 2 of its parts, and the hidden parts must not add up to 0 (else each would be
 *    0); a relation whose total is hidden must hide at least one part. The next smallest
 *    published part is hidden (a positive one when the hidden parts add up to 0); with no part
 *    left, the total.
 * 3. Across relations: a hidden cell whose value follows from the relations together (linear
 *    algebra over all published values, e.g. a cell linking two otherwise protected blocks) gets
 *    one more complement in a relation it belongs to, and everything repeats.
 */
export function cellsToSuppress(
  values: ReadonlyMap<string, number>,
  relations: readonly Additivity[],
  k: number,
): Set<string> {
  const hidden = new Set([...values].filter(([, value]) => value < k).map(([cell]) => cell));
  const valueOf = (cell: string) => values.get(cell) ?? 0;
  const smallestPublished = (cells: readonly string[], positiveOnly: boolean): string | undefined =>
    cells
      .filter((cell) => !hidden.has(cell) && (!positiveOnly || valueOf(cell) > 0))
      .sort((a, b) => valueOf(a) - valueOf(b))[0];

  for (;;) {
    let changed = false;
    for (const relation of relations) {
      const hiddenParts = relation.parts.filter((cell) => hidden.has(cell));
      if (hidden.has(relation.total)) {
        if (hiddenParts.length > 0) continue;
        const complement = smallestPublished(relation.parts, false);
        if (complement !== undefined) {
          hidden.add(complement);
          changed = true;
        }
        continue;
      }
      if (hiddenParts.length === 0) continue;
      const hiddenSum = hiddenParts.reduce((sum, cell) => sum + valueOf(cell), 0);
      if (hiddenParts.length >= 2 && hiddenSum > 0) continue;
      const complement =
        smallestPublished(relation.parts, hiddenSum === 0) ??
        smallestPublished(relation.parts, false) ??
        relation.total;
      hidden.add(complement);
      changed = true;
    }
    if (changed) continue;
    const recoverable = recoverableCells(relations, hidden);
    if (recoverable.length === 0) return hidden;
    let added = false;
    for (const cell of recoverable) {
      const relation = relations.find(
        (candidate) =>
          (candidate.total === cell || candidate.parts.includes(cell)) &&
          [candidate.total, ...candidate.parts].some((other) => !hidden.has(other)),
      );
      if (relation === undefined) continue; // cannot happen: a determined cell has a published neighbour
      hidden.add(smallestPublished(relation.parts, false) ?? relation.total);
      added = true;
    }
    if (!added) return hidden;
  }
}

const EPSILON = 1e-9;

/**
 * The hidden cells whose exact value follows from the relations (published values moved to the
 * right-hand side): those whose unit vector lies in the row space of the relations restricted to
 * the hidden cells. Gauss-Jordan elimination; a pivot row with no entry in a free column pins its
 * cell.
 */
export function recoverableCells(relations: readonly Additivity[], hidden: ReadonlySet<string>): string[] {
  // Hidden cells only interact through relations holding several of them: solve each connected
  // group on its own (the tables of different dimensions only meet in hidden totals).
  const parent = new Map([...hidden].map((cell) => [cell, cell]));
  const root = (cell: string): string => {
    let current = cell;
    while (parent.get(current) !== current) current = parent.get(current)!;
    parent.set(cell, current);
    return current;
  };
  const hiddenOf = (relation: Additivity) => [relation.total, ...relation.parts].filter((cell) => hidden.has(cell));
  for (const relation of relations) {
    const [first, ...others] = hiddenOf(relation);
    for (const other of others) parent.set(root(other), root(first));
  }
  const groups = new Map<string, { cells: string[]; relations: Additivity[] }>();
  for (const cell of hidden) {
    const key = root(cell);
    if (!groups.has(key)) groups.set(key, { cells: [], relations: [] });
    groups.get(key)!.cells.push(cell);
  }
  for (const relation of relations) {
    const [first] = hiddenOf(relation);
    if (first !== undefined) groups.get(root(first))!.relations.push(relation);
  }
  return [...groups.values()].flatMap((group) => recoverableInGroup(group.relations, group.cells));
}

function recoverableInGroup(relations: readonly Additivity[], unknowns: readonly string[]): string[] {
  const column = new Map(unknowns.map((cell, index) => [cell, index]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(unknowns.length).fill(0);
    const add = (cell: string, coefficient: number) => {
      const index = column.get(cell);
      if (index !== undefined) row[index] += coefficient;
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    rows.push(row);
  }
  const pivots: Array<{ row: number; column: number }> = [];
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    let best = rank;
    for (let r = rank + 1; r < rows.length; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[best][col])) best = r;
    if (Math.abs(rows[best][col]) < EPSILON) continue;
    [rows[rank], rows[best]] = [rows[best], rows[rank]];
    const pivot = rows[rank][col];
    for (let c = col; c < unknowns.length; c++) rows[rank][c] /= pivot;
    for (let r = 0; r < rows.length; r++) {
      if (r === rank || Math.abs(rows[r][col]) < EPSILON) continue;
      const factor = rows[r][col];
      for (let c = col; c < unknowns.length; c++) rows[r][c] -= factor * rows[rank][c];
    }
    pivots.push({ row: rank, column: col });
    rank += 1;
  }
  const pivotColumns = new Set(pivots.map((pivot) => pivot.column));
  return pivots
    .filter(({ row }) => rows[row].every((value, c) => pivotColumns.has(c) || Math.abs(value) < EPSILON))
    .map((pivot) => unknowns[pivot.column]);
}

/** A one-way table cell (all years) or a cross-tab cell (one year). */
export interface PublishedCell {
  value: string;
  count: PublishedCount;
}

export interface PublishedTable {
  dimension: Dimension;
  multiValued: boolean;
  /** One-way table: people by value over all years (the column totals of `byYear`). */
  overall: PublishedCell[];
  /** Cross-tab by year of identification; `total` is the year's total (the same as in `years`). */
  byYear: Array<{ year: string; total: PublishedCount; cells: PublishedCell[] }>;
}

export interface PublishedStatistics {
  /** Cells under k people are shown as `<k`, and so are the cells hidden to protect them. */
  k: number;
  suppressedLabel: string;
  total: PublishedCount;
  years: Array<{ year: string; total: PublishedCount }>;
  tables: PublishedTable[];
}

const TOTAL = 'total';
const yearTotal = (year: string) => `year|${year}`;
const overallCell = (dimension: string, value: string) => `overall|${dimension}|${value}`;
const yearCell = (dimension: string, year: string, value: string) => `cell|${dimension}|${year}|${value}`;

/**
 * Every relation a reader of the published tables knows holds: the grand total is the sum of the
 * year totals; each one-way cell is the sum of its column in the year cross-tab; for a
 * single-valued dimension each year total is the sum of its row and the grand total the sum of
 * the one-way table. (A person counts in each of their exploitation types, so that table's rows
 * do not add up to the year totals and are no relation.)
 */
export function relationsOf(raw: RawStatistics): { values: Map<string, number>; relations: Additivity[] } {
  const values = new Map<string, number>([[TOTAL, raw.total]]);
  const relations: Additivity[] = [{ total: TOTAL, parts: raw.years.map(yearTotal) }];
  for (const year of raw.years) values.set(yearTotal(year), raw.yearTotals[year]);
  for (const table of raw.tables) {
    for (const value of table.values) {
      let overall = 0;
      for (const year of raw.years) {
        const count = table.cells[year][value];
        values.set(yearCell(table.dimension, year, value), count);
        overall += count;
      }
      values.set(overallCell(table.dimension, value), overall);
      relations.push({
        total: overallCell(table.dimension, value),
        parts: raw.years.map((year) => yearCell(table.dimension, year, value)),
      });
    }
    if (table.multiValued) continue;
    relations.push({ total: TOTAL, parts: table.values.map((value) => overallCell(table.dimension, value)) });
    for (const year of raw.years) {
      relations.push({
        total: yearTotal(year),
        parts: table.values.map((value) => yearCell(table.dimension, year, value)),
      });
    }
  }
  return { values, relations };
}

/** The exact counts made safe to publish with threshold k. */
export function suppress(raw: RawStatistics, k: number): PublishedStatistics {
  if (!Number.isInteger(k) || k < MIN_CELL_FLOOR) {
    throw new RangeError(`The minimum cell size must be a whole number of at least ${MIN_CELL_FLOOR}`);
  }
  const { values, relations } = relationsOf(raw);
  const hidden = cellsToSuppress(values, relations, k);
  const label = `<${k}`;
  const show = (cell: string): PublishedCount => (hidden.has(cell) ? label : (values.get(cell) ?? 0));
  return {
    k,
    suppressedLabel: label,
    total: show(TOTAL),
    years: raw.years.map((year) => ({ year, total: show(yearTotal(year)) })),
    tables: raw.tables.map((table) => ({
      dimension: table.dimension,
      multiValued: table.multiValued,
      overall: table.values.map((value) => ({ value, count: show(overallCell(table.dimension, value)) })),
      byYear: raw.years.map((year) => ({
        year,
        total: show(yearTotal(year)),
        cells: table.values.map((value) => ({ value, count: show(yearCell(table.dimension, year, value)) })),
      })),
    })),
  };
}
