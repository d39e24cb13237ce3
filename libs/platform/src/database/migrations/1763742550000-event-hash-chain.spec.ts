import { PostgresEventStore, verifyChain } from '@nrm/event-store';
import { newStreamName, newTestEvent } from '@nrm/event-store/testing';
import { Client, Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/test-database';
import { EventHashChain1763742550000 } from './1763742550000-event-hash-chain';

describe('Migration 1763742550000: the hash chain of events stored before it', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('computes the chain of existing events stream by stream, in revision order; appends then chain onto it', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
    const migration = new EventHashChain1763742550000();
    const streams = [newStreamName('old'), newStreamName('old')];
    try {
      await migration.down(runner);
      // Inserted in an order other than (stream, revision): the backfill must sort them.
      for (const revision of [0, 1, 2])
        for (const stream of streams) {
          const event = newTestEvent();
          await client.query(
            `INSERT INTO events (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)
             VALUES ($1, $2, $3, $4, 1, $5, $6)`,
            [stream, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
          );
        }
      await migration.up(runner);
    } finally {
      await client.end();
    }

    const pool = new Pool({ connectionString: database.url, max: 2 });
    try {
      const store = new PostgresEventStore(pool);
      await store.appendToStream(streams[0], [newTestEvent()], 2n);
      for (const stream of streams) {
        const links = await store.readChain(stream);
        expect(links.every((link) => link.recordedHash === link.hash)).toBe(true);
        expect(verifyChain(stream, links)).toMatchObject({ ok: true, revision: stream === streams[0] ? 3n : 2n });
      }
    } finally {
      await pool.end();
    }
  });
});
