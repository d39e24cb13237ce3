import { randomBytes } from 'node:crypto';
import { databaseUrl, runId, templateDatabase, withServerClient } from './test-environment';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test run's own (dropped by the test or, at the latest, the teardown). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `nrm_test_${runId()}_${randomBytes(4).toString('hex')}`;
  await withServerClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withServerClient(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** A Redis key prefix of this run's own. */
export function testRedisPrefix(): string {
  return `nrm-test-${runId()}-${randomBytes(3).toString('hex')}`;
}
