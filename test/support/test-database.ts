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
      withServerClient(async (client) => {
        await connectionsClosed(client, name);
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** A Redis key prefix of this run's own. */
export function testRedisPrefix(): string {
  return `nrm-test-${runId()}-${randomBytes(3).toString('hex')}`;
}

/**
 * pg's Pool.end() resolves once it has asked its connections to close, not once they have: a FORCE drop
 * right after it would terminate them mid-goodbye, and the pool would raise that as an unhandled error
 * in whichever test file runs next. Give them a moment to go (FORCE still ends any left behind).
 */
async function connectionsClosed(
  client: { query(sql: string, values: unknown[]): Promise<{ rows: { n: number }[] }> },
  database: string,
) {
  for (let check = 0; check < 100; check++) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [
      database,
    ]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
