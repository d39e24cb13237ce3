import { DIMENSIONS, type Dimension, MULTI_VALUED, type PersonRecord } from './dimensions';

/** Exact counts of people before suppression: never leaves the process. */
export interface RawTable {
  dimension: Dimension;
  multiValued: boolean;
  /** Every value seen in any year, sorted. */
  values: string[];
  /** cells[year][value]: people identified that year with that value (0 when none). */
  cells: Record<string, Record<string, number>>;
}

export interface RawStatistics {
  total: number;
  /** Every year with at least one person, ascending. */
  years: string[];
  yearTotals: Record<string, number>;
  tables: RawTable[];
}

/** Counts people (each record is one person) by year and by every dimension. */
export function tabulate(people: readonly PersonRecord[]): RawStatistics {
  const years = [...new Set(people.map((person) => person.year))].sort();
  const yearTotals = Object.fromEntries(years.map((year) => [year, 0]));
  for (const person of people) yearTotals[person.year] += 1;
  const tables = DIMENSIONS.map((dimension): RawTable => {
    const values = [...new Set(people.flatMap((person) => person.values[dimension]))].sort();
    const cells = Object.fromEntries(
      years.map((year) => [year, Object.fromEntries(values.map((value) => [value, 0]))]),
    );
    for (const person of people) {
      for (const value of new Set(person.values[dimension])) cells[person.year][value] += 1;
    }
    return { dimension, multiValued: MULTI_VALUED.has(dimension), values, cells };
  });
  return { total: people.length, years, yearTotals, tables };
}
