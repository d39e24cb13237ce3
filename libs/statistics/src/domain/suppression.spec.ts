import { subtractionAttack } from '../testing/subtraction-attack';
import { type CaseFacts, ageGroupOf, outcomeOf, personRecordOf } from './dimensions';
import { toCtdcCsv } from './ctdc-csv';
import {
  type Additivity,
  cellsToSuppress,
  type PublishedStatistics,
  recoverableCells,
  relationsOf,
  suppress,
} from './suppression';
import { tabulate } from './tabulation';

const K = 11;

function person(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    year: '2026',
    sex: 'female',
    ageAtIdentification: 27,
    citizenship: 'UZ',
    exploitationTypes: ['labour'],
    openingOrganisationType: 'police',
    stage: 'identification',
    status: 'presumed-victim',
    ...overrides,
  };
}

const many = (n: number, overrides: Partial<CaseFacts> = {}) => Array.from({ length: n }, () => person(overrides));
/** People counted by one fact, e.g. `countedBy('sex', { female: 12, male: 15 })`; their other facts as `person()`. */
const countedBy = (fact: 'sex' | 'year', counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([value, n]) => many(n, { [fact]: value }));

/** given people, when published with k, then … */
function given(people: CaseFacts[]) {
  return {
    whenPublished: (k = K) => suppress(tabulate(people.map(personRecordOf)), k),
  };
}

const table = (published: PublishedStatistics, dimension: string) => {
  const found = published.tables.find((candidate) => candidate.dimension === dimension);
  if (!found) throw new Error(`no table ${dimension}`);
  return found;
};
const overall = (published: PublishedStatistics, dimension: string) =>
  Object.fromEntries(table(published, dimension).overall.map(({ value, count }) => [value, count]));
const ofYear = (published: PublishedStatistics, dimension: string, year: string) =>
  Object.fromEntries(
    table(published, dimension)
      .byYear.find((row) => row.year === year)!
      .cells.map(({ value, count }) => [value, count]),
  );

describe('statistics dimensions', () => {
  it.each([
    [0, '0--8'],
    [8, '0--8'],
    [9, '9--17'],
    [17, '9--17'],
    [18, '18--20'],
    [20, '18--20'],
    [21, '21--23'],
    [26, '24--26'],
    [29, '27--29'],
    [30, '30--38'],
    [38, '30--38'],
    [39, '39--47'],
    [47, '39--47'],
    [48, '48+'],
    [90, '48+'],
  ])('given age %i, then the CTDC ageBroad bracket is %s', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });

  it('given a status and a stage, then the outcome names the decision and whether the case is closed', () => {
    expect(outcomeOf('victim', 'closed')).toBe('granted-closed');
    expect(outcomeOf('not-a-victim', 'referral')).toBe('refused-open');
    expect(outcomeOf('presumed-victim', 'identification')).toBe('pending-open');
  });
});

describe('suppression (k = 11)', () => {
  it('given big enough groups, when published, then every count is shown as it is', () => {
    const published = given(countedBy('sex', { female: 12, male: 15 })).whenPublished();
    expect(published.total).toBe(27);
    expect(published.years).toEqual([{ year: '2026', total: 27 }]);
    expect(overall(published, 'sex')).toEqual({ female: 12, male: 15 });
  });

  it('given a cell under k, when published, then it and a complement are shown as "<11"', () => {
    const published = given(countedBy('sex', { male: 3, female: 20, unknown: 12 })).whenPublished();
    expect(published.total).toBe(35);
    // male (3) is primary; female (20) and unknown (12): the smallest, unknown, is its complement.
    expect(overall(published, 'sex')).toEqual({ male: '<11', unknown: '<11', female: 20 });
    expect(subtractionAttack(published).size).toBe(0);
  });

  it('given a total under k, when published, then the total and every cell are suppressed', () => {
    const published = given(many(7)).whenPublished();
    expect(published.total).toBe('<11');
    expect(published.years).toEqual([{ year: '2026', total: '<11' }]);
    expect(overall(published, 'sex')).toEqual({ female: '<11' });
  });

  it('given zeros next to a small cell, when published, then the hidden cells never add up to a known 0', () => {
    // 2025: 30 female, 0 male; 2026: 25 female, 4 male. The 2025 male cell (0) is under k: hiding
    // it with another 0 would let a reader conclude both are 0.
    const published = given([
      ...many(30, { year: '2025' }),
      ...many(25, { year: '2026' }),
      ...many(4, { year: '2026', sex: 'male' }),
    ]).whenPublished();
    expect(subtractionAttack(published).size).toBe(0);
    expect(ofYear(published, 'sex', '2025').male).toBe('<11');
  });

  it('given a small year, when published, then the year total gets a complement among the years', () => {
    const published = given(countedBy('year', { '2024': 5, '2025': 20, '2026': 30 })).whenPublished();
    expect(published.total).toBe(55);
    expect(published.years).toEqual([
      { year: '2024', total: '<11' },
      { year: '2025', total: '<11' },
      { year: '2026', total: 30 },
    ]);
    expect(subtractionAttack(published).size).toBe(0);
  });

  it('given one-way and year tables, when published, then the one-way table is the column totals of the cross-tab', () => {
    const published = given([
      ...many(14, { year: '2025', citizenship: 'UZ' }),
      ...many(13, { year: '2026', citizenship: 'UZ' }),
      ...many(12, { year: '2025', citizenship: 'TJ' }),
      ...many(2, { year: '2026', citizenship: 'TJ' }),
      ...many(16, { year: '2026', citizenship: 'AZ' }),
    ]).whenPublished();
    const oneWay = overall(published, 'citizenship');
    expect(oneWay.UZ).toBe(27);
    for (const value of ['UZ', 'TJ', 'AZ']) {
      const column = table(published, 'citizenship').byYear.map(
        (row) => row.cells.find((c) => c.value === value)!.count,
      );
      if (column.every((count) => typeof count === 'number')) {
        expect(oneWay[value]).toBe((column as number[]).reduce((a, b) => a + b, 0));
      }
    }
    expect(subtractionAttack(published).size).toBe(0);
  });

  it('given several exploitation types per person, when published, then each person counts in each of their types', () => {
    const published = given([
      ...many(12, { exploitationTypes: ['labour', 'sexual'] }),
      ...many(11, { exploitationTypes: ['labour'] }),
    ]).whenPublished();
    expect(published.total).toBe(23);
    expect(table(published, 'exploitationType').multiValued).toBe(true);
    expect(overall(published, 'exploitationType')).toEqual({ labour: 23, sexual: 12 });
  });

  it('given k under 11, when published, then it is refused', () => {
    expect(() => given(many(30)).whenPublished(10)).toThrow(RangeError);
  });

  it('given k = 20, when published, then cells under 20 are shown as "<20"', () => {
    const published = given(countedBy('sex', { female: 25, male: 15, unknown: 30 })).whenPublished(20);
    expect(overall(published, 'sex')).toEqual({ female: '<20', male: '<20', unknown: 30 });
  });
});

describe('complementary suppression across relations', () => {
  it('given two protected blocks joined by one hidden cell, then that cell is found recoverable', () => {
    // Rows r1..r4, columns c1..c4 of a table with every margin published; hidden: a 2x2 block on
    // (r1,r2)x(c1,c2), another on (r3,r4)x(c3,c4), and the bridge (r1,c3).
    const cell = (r: number, c: number) => `r${r}c${c}`;
    const relations: Additivity[] = [];
    for (let r = 1; r <= 4; r++) relations.push({ total: `r${r}`, parts: [1, 2, 3, 4].map((c) => cell(r, c)) });
    for (let c = 1; c <= 4; c++) relations.push({ total: `c${c}`, parts: [1, 2, 3, 4].map((r) => cell(r, c)) });
    const hidden = new Set([
      cell(1, 1),
      cell(1, 2),
      cell(2, 1),
      cell(2, 2),
      cell(3, 3),
      cell(3, 4),
      cell(4, 3),
      cell(4, 4),
      cell(1, 3),
    ]);
    expect(recoverableCells(relations, hidden)).toEqual([cell(1, 3)]);
  });

  it('given such a table, when suppressed, then no hidden cell is recoverable by the relations together', () => {
    const cell = (r: number, c: number) => `r${r}c${c}`;
    const values = new Map<string, number>();
    const relations: Additivity[] = [];
    const grid = [
      [3, 4, 5, 30],
      [4, 3, 30, 30],
      [30, 30, 2, 3],
      [30, 30, 3, 2],
    ];
    for (let r = 1; r <= 4; r++) {
      relations.push({ total: `r${r}`, parts: [1, 2, 3, 4].map((c) => cell(r, c)) });
      values.set(
        `r${r}`,
        grid[r - 1].reduce((a, b) => a + b, 0),
      );
    }
    for (let c = 1; c <= 4; c++) {
      relations.push({ total: `c${c}`, parts: [1, 2, 3, 4].map((r) => cell(r, c)) });
      values.set(
        `c${c}`,
        grid.reduce((sum, row) => sum + row[c - 1], 0),
      );
    }
    grid.forEach((row, r) => row.forEach((value, c) => values.set(cell(r + 1, c + 1), value)));
    const hidden = cellsToSuppress(values, relations, K);
    for (const [id, value] of values) if (value < K) expect(hidden.has(id)).toBe(true);
    expect(recoverableCells(relations, hidden)).toEqual([]);
  });

  it('given many random populations, when published, then the subtraction attack recovers nothing', () => {
    let seed = 20261122;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    for (let round = 0; round < 40; round++) {
      const size = 20 + Math.floor(random() * 200);
      const people = Array.from({ length: size }, () =>
        person({
          year: pick(['2023', '2024', '2025', '2026']),
          sex: pick(['female', 'female', 'male', 'unknown']),
          ageAtIdentification: Math.floor(random() * 60),
          citizenship: pick(['AZ', 'UZ', 'TJ', 'RU', 'stateless']),
          exploitationTypes: random() < 0.3 ? ['labour', 'sexual'] : [pick(['labour', 'sexual', 'forced-begging'])],
          openingOrganisationType: pick(['police', 'ngo', 'border']),
          stage: pick(['identification', 'referral', 'closed']),
          status: pick(['presumed-victim', 'victim', 'not-a-victim']),
        }),
      );
      const raw = tabulate(people.map(personRecordOf));
      const published = suppress(raw, K);
      expect(subtractionAttack(published)).toEqual(new Map());
      const { values, relations } = relationsOf(raw);
      expect(recoverableCells(relations, cellsToSuppress(values, relations, K))).toEqual([]);
      // Every cell under k is hidden.
      for (const t of published.tables) {
        const rawTable = raw.tables.find((candidate) => candidate.dimension === t.dimension)!;
        for (const row of t.byYear) {
          for (const { value, count } of row.cells) {
            if (rawTable.cells[row.year][value] < K) expect(count).toBe('<11');
            else if (count !== '<11') expect(count).toBe(rawTable.cells[row.year][value]);
          }
        }
      }
    }
  });
});

describe('suppression at scale', () => {
  it('given 20,000 people, 60 citizenships and 10 years, when published, then it takes seconds at most and leaks nothing', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const citizenships = Array.from({ length: 60 }, (_, i) => `C${i}`);
    const people = Array.from({ length: 20_000 }, () =>
      person({
        year: String(2017 + Math.floor(random() * 10)),
        citizenship: citizenships[Math.floor(random() ** 3 * citizenships.length)],
        ageAtIdentification: Math.floor(random() * 70),
        sex: random() < 0.6 ? 'female' : random() < 0.95 ? 'male' : 'unknown',
      }),
    );
    const started = Date.now();
    const published = suppress(tabulate(people.map(personRecordOf)), K);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(published.total).toBe(20_000);
    expect(subtractionAttack(published)).toEqual(new Map());
  });
});

describe('CTDC CSV', () => {
  it('given published statistics, then the CSV is long format with CTDC variable names and "<11"', () => {
    const published = given([
      ...many(12, { sex: 'female', year: '2025', exploitationTypes: ['sexual'] }),
      ...many(3, { sex: 'male', year: '2025' }),
    ]).whenPublished();
    const lines = toCtdcCsv(published).trimEnd().split('\r\n');
    expect(lines[0]).toBe('yearOfRegistration,variable,value,count');
    expect(lines[1]).toBe(',,,15');
    expect(lines[2]).toBe('2025,,,15');
    expect(lines).toContain(',gender,Female,<11');
    expect(lines).toContain(',gender,Male,<11');
    expect(lines).toContain('2025,isSexualExploit,1,12');
    expect(lines).toContain(',ageBroad,27--29,15');
  });
});
