import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { CommitOutcomeUnknownError, WrongExpectedRevisionError } from '../event-store.port';
import {
  eventStoreContract,
  newStreamName,
  newTestEvent,
  readAllOf,
  readAllOfOnceVisible,
  startCollecting,
} from '../testing/event-store.contract';
import { GuardedPool } from './database-unavailable';
import { PostgresEventStore } from './postgres-event-store';

interface PostgresHarness {
  database: TestDatabase;
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

async function openPostgresStore(): Promise<PostgresHarness> {
  const database = await createTestDatabase();
  const pool = new Pool({ connectionString: database.url, max: 10 });
  // Terminated idle clients emit errors on the pool; the store's next query takes a fresh client.
  pool.on('error', () => {});
  const store = new PostgresEventStore(pool, { pollIntervalMs: 10, retryMinMs: 20, retryMaxMs: 200 });
  return {
    database,
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}

/** Terminates every other session on the database and waits until they are gone. */
async function terminateConnections(url: string, database: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
  } finally {
    await client.end();
  }
  // Let the pool see its clients' sockets close before the next query picks one.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

eventStoreContract('PostgreSQL', async () => {
  const harness = await openPostgresStore();
  return {
    store: harness.store,
    dropConnections: () => terminateConnections(harness.database.url, harness.database.name),
    close: () => harness.close(),
  };
});

describe('PostgresEventStore (PostgreSQL only)', () => {
  let harness: PostgresHarness;

  beforeAll(async () => {
    harness = await openPostgresStore();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('keeps a subscription going through a lost database: it retries, then resumes exactly after its last event', async () => {
    const database = await createTestDatabase();
    const pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => {});
    const readFailures: unknown[] = [];
    const store = new PostgresEventStore(pool, {
      pollIntervalMs: 10,
      retryMinMs: 20,
      retryMaxMs: 100,
      onError: (error) => readFailures.push(error),
    });
    const admin = new Client({ connectionString: database.url.replace(`/${database.name}`, '/postgres') });
    await admin.connect();
    try {
      const stream = newStreamName('outage');
      await store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'no_stream');
      const collector = startCollecting(store, null, (event) => event.streamName === stream);
      expect(await collector.waitFor(2)).toHaveLength(2);

      // The database goes away: no new connections, the existing ones cut.
      await admin.query(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1`, [
        database.name,
      ]);
      const deadline = Date.now() + 5_000;
      while (readFailures.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(readFailures.length).toBeGreaterThan(0);

      // It comes back; events appended meanwhile arrive once each, in order, after the first two.
      await admin.query(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
      await store.appendToStream(stream, [newTestEvent(), newTestEvent(), newTestEvent()], 1n);
      const received = await collector.waitFor(5, 10_000);
      expect(received.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(await collector.stop()).toBe(true);
    } finally {
      await admin.query(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
      await pool.end();
      await database.drop();
    }
  });

  it('never skips a transaction that commits after one holding a higher position', async () => {
    const { store, database } = harness;
    const lateStream = newStreamName('late');
    const earlyStream = newStreamName('early');
    const late = newTestEvent({ type: 'Late' });
    const early = newTestEvent({ type: 'Early' });

    const collector = startCollecting(store, null, (e) => e.streamName === lateStream || e.streamName === earlyStream);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    let open = false;
    try {
      await client.query('BEGIN');
      open = true;
      const { rows } = await client.query<{ global_position: string; transaction_id: string }>(
        `INSERT INTO events (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)
         VALUES ($1, 0, $2, $3, $4, $5, $6) RETURNING global_position, transaction_id::text`,
        [lateStream, late.id, late.type, late.schemaVersion, JSON.stringify(late.data), JSON.stringify(late.metadata)],
      );
      const latePosition = BigInt(rows[0].global_position);

      const appended = await store.appendToStream(earlyStream, [early], 'no_stream');
      expect(appended.lastGlobalPosition > latePosition).toBe(true);

      // The committed event is held back while the older transaction may still commit before it.
      expect(await readAllOf(store, null, [lateStream, earlyStream])).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(collector.events).toEqual([]);

      await client.query('COMMIT');
      open = false;

      const all = await readAllOfOnceVisible(store, null, [lateStream, earlyStream], 2);
      expect(all.map((e) => e.id)).toEqual([late.id, early.id]);
      expect(all[0].globalPosition).toBe(latePosition);
      expect(all[1].globalPosition).toBe(appended.lastGlobalPosition);

      // A checkpoint at the late event's position: the early one comes next, nothing twice.
      expect((await readAllOfOnceVisible(store, latePosition, [lateStream, earlyStream], 1)).map((e) => e.id)).toEqual([
        early.id,
      ]);
      expect(await store.hasReached(appended.lastGlobalPosition, latePosition)).toBe(true);
      expect(await store.hasReached(latePosition, appended.lastGlobalPosition)).toBe(false);

      await collector.waitFor(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(collector.events.map((e) => e.id)).toEqual([late.id, early.id]);
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
      expect(await collector.stop()).toBe(true);
    }
  });

  it("lets exactly one of 50 concurrent 'no_stream' appends to one stream win", async () => {
    const { store } = harness;
    const stream = newStreamName('race');
    const events = Array.from({ length: 50 }, () => newTestEvent());
    const results = await Promise.allSettled(events.map((event) => store.appendToStream(stream, [event], 'no_stream')));

    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [events[i]] : []));
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((loser.reason as WrongExpectedRevisionError).actual).toBe(0n);
    }
    const read = await store.readStream(stream);
    expect(read.currentRevision).toBe(0n);
    expect(read.events.map((e) => e.id)).toEqual([winners[0].id]);
  });

  it('is not held back by a transaction running in another database of the same server', async () => {
    const { store } = harness;
    const elsewhere = await createTestDatabase();
    const other = new Client({ connectionString: elsewhere.url });
    await other.connect();
    try {
      // Running, with a transaction id older than the append's: the whole server's xmin stays below it.
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const before = await store.headPosition();
      const stream = newStreamName();
      const event = newTestEvent();
      await store.appendToStream(stream, [event], 'no_stream');
      const read = await store.readAll({ after: before, maxCount: 100 });
      expect(read.filter((e) => e.streamName === stream).map((e) => e.id)).toEqual([event.id]);
    } finally {
      await other.end();
      await elsewhere.drop();
    }
  });

  it('reads of the store and of a stream use its indexes after it grew from empty (statistics taken while it was empty)', async () => {
    const database = await createTestDatabase();
    // One connection: the reads that met the empty store and those after the growth share it.
    const pool = new Pool({ connectionString: database.url, max: 1 });
    const store = new PostgresEventStore(pool);
    const seqScansOfEvents = async () => {
      // This backend's own counts, flushed now rather than up to a second later.
      await pool.query('SELECT pg_stat_force_next_flush()');
      const { rows } = await pool.query<{ n: string }>(
        `SELECT seq_scan AS n FROM pg_stat_user_tables WHERE relname = 'events'`,
      );
      return Number(rows[0].n);
    };
    try {
      // As a fresh installation's maintenance, or the bench, leaves it: known to be empty.
      await pool.query('VACUUM ANALYZE events');
      for (let i = 0; i < 10; i++) {
        await store.readAll({ after: null, maxCount: 500 });
        await store.readStream('grown-1');
      }
      await pool.query(
        `INSERT INTO events (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)
         SELECT 'grown-' || n, 0, gen_random_uuid(), 'Grown', 1, jsonb_build_object('n', n), '{}' FROM generate_series(1, 5000) n`,
      );
      const last = (await pool.query<{ p: string }>(`SELECT max(global_position) AS p FROM events`)).rows[0].p;
      const before = await seqScansOfEvents();
      for (let i = 0; i < 10; i++) {
        expect(await store.readAll({ after: BigInt(last) - 3n, maxCount: 500 })).toHaveLength(3);
        expect((await store.readStream('grown-1')).events).toHaveLength(1);
      }
      expect((await seqScansOfEvents()) - before).toBe(0);
    } finally {
      await store.close();
      await pool.end();
      await database.drop();
    }
  });

  it('announces its last append before it closes, so readers elsewhere learn of it at once', async () => {
    const { database } = harness;
    const pool = new Pool({ connectionString: database.url, max: 2 });
    const store = new PostgresEventStore(pool, { announceGatherMs: 50 });
    const listener = new Client({ connectionString: database.url });
    await listener.connect();
    try {
      const heard = new Promise<string | undefined>((resolve) =>
        listener.on('notification', ({ payload }) => resolve(payload)),
      );
      await listener.query('LISTEN nrm_events_appended');
      const { lastGlobalPosition } = await store.appendToStream(newStreamName(), [newTestEvent()], 'no_stream');
      // The owner ends the pool right after closing the store (a shutdown), within the gather window.
      await store.close();
      await pool.end();
      expect(await heard).toBe(lastGlobalPosition.toString());
    } finally {
      await listener.end();
    }
  });

  it('refuses the same event id twice', async () => {
    const { store } = harness;
    const event = newTestEvent();
    await store.appendToStream(newStreamName(), [event], 'no_stream');
    await expect(store.appendToStream(newStreamName(), [{ ...event }], 'no_stream')).rejects.toThrow();
    await expect(
      store.appendToStream(newStreamName(), [newTestEvent({ id: randomUUID() })], 'any'),
    ).resolves.toBeDefined();
  });

  describe('a write sent with the next round trip (sendWithNext)', () => {
    const table = `sent_with_next_${randomUUID().replace(/-/g, '')}`;
    beforeAll(() => harness.pool.query(`CREATE TABLE ${table} (note text PRIMARY KEY)`));
    const notes = async () =>
      (await harness.pool.query<{ note: string }>(`SELECT note FROM ${table} ORDER BY note`)).rows.map((r) => r.note);

    it('commits with the append it travels with, quotes and all, in one round trip', async () => {
      const { store } = harness;
      const sent = jest.spyOn(Client.prototype, 'query');
      const stream = newStreamName();
      await store.transactions.run(async () => {
        await store.transactions.sendWithNext(`INSERT INTO ${table} (note) VALUES ($1)`, ["it's $1; -- not SQL"]);
        await store.appendToStream(stream, [newTestEvent()], 'no_stream');
      });
      const texts = sent.mock.calls.map(([statement]) =>
        typeof statement === 'string' ? statement : (statement as { text: string }).text,
      );
      sent.mockRestore();
      // Each statement inline, or run by name where the connection prepared it before.
      expect(texts.filter((text) => !text.includes('pg_notify') && !text.startsWith('PREPARE'))).toEqual([
        expect.stringMatching(
          /^BEGIN;\s*(INSERT INTO sent_with_next_\w+ .*|EXECUTE nrm_tx_\w+\('it''s \$1; -- not SQL'\));\s*(WITH current_stream|EXECUTE nrm_append_to_stream\()/s,
        ),
        'COMMIT',
      ]);
      expect(await notes()).toEqual(["it's $1; -- not SQL"]);
      expect((await store.readStream(stream)).currentRevision).toBe(0n);
    });

    it('is prepared on its connection once, and from then on run there by name in the same round trip', async () => {
      const pool = new GuardedPool({ connectionString: harness.database.url, max: 1 });
      const store = new PostgresEventStore(pool);
      const sent = jest.spyOn(Client.prototype, 'query');
      const streams = [newStreamName(), newStreamName()];
      try {
        for (const [index, stream] of streams.entries()) {
          await store.transactions.run(async () => {
            await store.transactions.sendWithNext(`INSERT INTO ${table} (note) VALUES ($1)`, [`$1 it's ${index}`]);
            await store.appendToStream(stream, [newTestEvent()], 'no_stream');
          });
        }
      } finally {
        await store.close();
        await pool.end();
      }
      const texts = sent.mock.calls.map(([statement]) =>
        typeof statement === 'string' ? statement : (statement as { text: string }).text,
      );
      sent.mockRestore();
      expect(texts.filter((text) => !text.includes('pg_notify'))).toEqual([
        expect.stringMatching(/^BEGIN;\s*INSERT INTO sent_with_next_\w+ .*;\s*WITH current_stream/s),
        'COMMIT',
        expect.stringMatching(/^PREPARE nrm_tx_\w+ AS INSERT INTO sent_with_next_/),
        expect.stringMatching(/^PREPARE nrm_append_to_stream AS\s+WITH current_stream/),
        expect.stringMatching(
          /^BEGIN;\s*EXECUTE nrm_tx_\w+\('\$1 it''s 1'\);\s*EXECUTE nrm_append_to_stream\('contract-/,
        ),
        'COMMIT',
      ]);
      expect(await notes()).toEqual(expect.arrayContaining(["$1 it's 0", "$1 it's 1"]));
      for (const stream of streams) expect((await harness.store.readStream(stream)).currentRevision).toBe(0n);
    });

    it('fails the unit where it fails: nothing of the unit is committed', async () => {
      const { store } = harness;
      const stream = newStreamName();
      await expect(
        store.transactions.run(async () => {
          await store.transactions.sendWithNext(`INSERT INTO ${table} (note) VALUES ($1)`, ["it's $1; -- not SQL"]);
          await store.appendToStream(stream, [newTestEvent()], 'no_stream');
        }),
      ).rejects.toThrow(/duplicate key/);
      expect((await store.readStream(stream)).currentRevision).toBeNull();
    });

    it('is sent with the COMMIT when nothing follows it, and not at all when the unit is refused', async () => {
      const { store } = harness;
      await store.transactions.run(() =>
        store.transactions.sendWithNext(`INSERT INTO ${table} (note) VALUES ($1)`, ['alone']),
      );
      await expect(
        store.transactions.run(async () => {
          await store.transactions.sendWithNext(`INSERT INTO ${table} (note) VALUES ($1)`, ['refused']);
          throw new Error('refused by the domain');
        }),
      ).rejects.toThrow('refused by the domain');
      expect(await notes()).toEqual(expect.arrayContaining(['alone', "it's $1; -- not SQL"]));
      expect(await notes()).not.toContain('refused');
    });
  });

  describe('the unit of work when the database is lost', () => {
    const table = `lost_units_${randomUUID().replace(/-/g, '')}`;
    beforeAll(() => harness.pool.query(`CREATE TABLE ${table} (note text)`));
    const notes = async (note: string) =>
      (await harness.pool.query(`SELECT 1 FROM ${table} WHERE note = $1`, [note])).rowCount;
    const terminateItself = 'SELECT pg_terminate_backend(pg_backend_pid())';

    it('runs again on another connection when lost before its COMMIT: what it wrote commits once', async () => {
      const { transactions } = harness.store;
      let attempts = 0;
      await transactions.run(async () => {
        attempts++;
        await transactions.query(`INSERT INTO ${table} (note) VALUES ($1)`, ['before the commit']);
        if (attempts === 1) await transactions.query(terminateItself);
      });
      expect(attempts).toBe(2);
      expect(await notes('before the commit')).toBe(1);
    });

    it('lost while its COMMIT is on its way: CommitOutcomeUnknownError, and it is not run again', async () => {
      const { transactions } = harness.store;
      let attempts = 0;
      const unit = transactions.run(async () => {
        attempts++;
        await transactions.query(`INSERT INTO ${table} (note) VALUES ($1)`, ['with the commit']);
        await transactions.sendWithNext(terminateItself, []);
      });
      await expect(unit).rejects.toBeInstanceOf(CommitOutcomeUnknownError);
      expect(attempts).toBe(1);
      expect(await notes('with the commit')).toBe(0); // here the server ended it before the COMMIT
    });

    it('a lent connection lost before its borrower listens ends no process: its queries fail, and the pool drops it', async () => {
      const pool = new GuardedPool({ connectionString: harness.database.url, max: 1 });
      const client = await pool.connect(); // a borrower that has not added its own listener (yet)
      const ended = new Promise((resolve) => client.once('end', resolve));
      await terminateConnections(harness.database.url, harness.database.name);
      await ended;
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|terminat/i);
      client.release();
      expect(pool.totalCount).toBe(0);
      await pool.end();
    });
  });
});
