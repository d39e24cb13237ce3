import { Client } from 'pg';

/** Rows in the event store's `events` table of a test database. */
export async function countEvents(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}
