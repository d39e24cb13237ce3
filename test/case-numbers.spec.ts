import { dataSourceOptions } from '@nrm/platform';
import { DataSource } from 'typeorm';
import { CaseNumbers } from '@nrm/case';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('Case numbers', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('two processes allocating at once never hand out the same number', async () => {
    const processA = new CaseNumbers(dataSource);
    const processB = new CaseNumbers(dataSource);
    const now = new Date('2026-11-21T10:00:00Z');
    const numbers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => (i % 2 ? processA : processB).allocate(now)),
    );
    expect(new Set(numbers).size).toBe(150);
    expect(numbers.every((number) => /^NRM-2026-\d{6}$/.test(number))).toBe(true);
  });
});
