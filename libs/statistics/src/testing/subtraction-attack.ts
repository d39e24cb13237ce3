import type { Additivity, PublishedCount, PublishedStatistics } from '../domain/suppression';

/**
 * What a reader of the published statistics (JSON) can do to recover a suppressed cell: read off
 * the relations the tables imply (grand total = sum of year totals; one-way cell = sum of its
 * year column; for single-valued tables year total = sum of its row and grand total = sum of the
 * one-way table), then subtract, again and again, every time a relation has one unknown left, and
 * conclude zeros when the known parts already reach the total. For tests only.
 */
export function subtractionAttack(published: PublishedStatistics): Map<string, number> {
  const known = new Map<string, number>();
  const unknown = new Set<string>();
  const note = (cell: string, count: PublishedCount) => {
    if (typeof count === 'number') known.set(cell, count);
    else unknown.add(cell);
  };
  const relations: Additivity[] = [];
  note('total', published.total);
  for (const { year, total } of published.years) note(`year ${year}`, total);
  relations.push({ total: 'total', parts: published.years.map(({ year }) => `year ${year}`) });
  for (const table of published.tables) {
    for (const { value, count } of table.overall) note(`${table.dimension} ${value}`, count);
    for (const { year, total, cells } of table.byYear) {
      // The year total printed in every cross-tab must be the one printed in `years`.
      const printed = published.years.find((entry) => entry.year === year)?.total;
      if (printed !== total) throw new Error(`Year ${year} total differs between tables: ${printed} / ${total}`);
      for (const { value, count } of cells) note(`${table.dimension} ${year} ${value}`, count);
    }
    for (const { value } of table.overall) {
      relations.push({
        total: `${table.dimension} ${value}`,
        parts: table.byYear.map(({ year }) => `${table.dimension} ${year} ${value}`),
      });
    }
    if (table.multiValued) continue;
    relations.push({ total: 'total', parts: table.overall.map(({ value }) => `${table.dimension} ${value}`) });
    for (const { year, cells } of table.byYear) {
      relations.push({ total: `year ${year}`, parts: cells.map(({ value }) => `${table.dimension} ${year} ${value}`) });
    }
  }
  const recovered = new Map<string, number>();
  const learn = (cell: string, value: number) => {
    known.set(cell, value);
    if (unknown.has(cell)) recovered.set(cell, value);
  };
  let progress = true;
  while (progress) {
    progress = false;
    for (const { total, parts } of relations) {
      const missing = [total, ...parts].filter((cell) => !known.has(cell));
      if (missing.length === 0) continue;
      const partsKnown = parts.filter((cell) => known.has(cell)).reduce((sum, cell) => sum + (known.get(cell) ?? 0), 0);
      if (missing.length === 1) {
        const [cell] = missing;
        learn(cell, cell === total ? partsKnown : (known.get(total) ?? 0) - partsKnown);
        progress = true;
      } else if (known.has(total) && known.get(total) === partsKnown) {
        for (const cell of missing) learn(cell, 0);
        progress = true;
      }
    }
  }
  return recovered;
}
