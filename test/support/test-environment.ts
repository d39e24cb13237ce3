import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A server-level URL (any database); each test file makes its own database next to it. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The personal-data master key of every test process (base64 of 32 bytes; a test value only). */
export const TEST_PERSONAL_DATA_MASTER_KEY = 'bnJtLXRlc3QtcGVyc29uYWwtZGF0YS1rZXkhbnJtLXQ=';

export function databaseUrl(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Names shared by one whole test run, set by the global setup. */
export function runId(): string {
  const id = process.env.NRM_TEST_RUN_ID;
  if (!id) throw new Error('NRM_TEST_RUN_ID is not set: run the tests through jest (global setup)');
  return id;
}

export const templateDatabase = () => `nrm_test_${runId()}_template`;

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** `work` on a connection of its own to the database at `url`, closed after it. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const withServerClient = <T>(work: (client: Client) => Promise<T>): Promise<T> => withClient(serverUrl, work);
