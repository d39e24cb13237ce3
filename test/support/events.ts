import { withClient } from './test-environment';

/** The rows a query answers on a test database, on a connection of its own. */
export const queryRows = <T = Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  parameters: unknown[] = [],
): Promise<T[]> => withClient(databaseUrl, async (client) => (await client.query(text, parameters)).rows as T[]);

/** Rows in the event store's `events` table of a test database. */
export async function countEvents(databaseUrl: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: string }>(databaseUrl, 'SELECT count(*) AS n FROM events');
  return Number(n);
}
