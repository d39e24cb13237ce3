import { Client, type Pool } from 'pg';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type StreamRevision,
  type SubscribeToAllOptions,
  UnitOfWorkConflictError,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { Backoff, type RetryOptions } from '../backoff';
import type { ChainLink } from '../integrity/hash-chain';
import { sleep } from '../sleep';
import { PostgresTransactions } from './postgres-transactions';

/** The retry options bound the backoff after a failed read and after a lost LISTEN connection. */
export interface PostgresEventStoreOptions extends RetryOptions {
  /** How long a caught-up subscription waits before asking again. */
  pollIntervalMs?: number;
  /** How many events a subscription reads per query. */
  batchSize?: number;
  /** How long an announcement waits to gather later commits into it (default 2 ms). */
  announceGatherMs?: number;
  onError?: (error: unknown) => void;
}

const UNIQUE_VIOLATION = '23505';
const STREAM_REVISION_CONSTRAINT = 'events_stream_revision_key';
const EVENT_ID_CONSTRAINT = 'events_event_id_key';

/**
 * A single statement appends (one round trip, autocommit): it reads the stream's revision, checks
 * the expectation and inserts the events. Two writers with the same expectation cannot both win:
 * the loser's insert breaks the unique (stream_name, stream_revision) constraint.
 */
const APPEND_SQL = `
WITH current_stream AS (
  SELECT max(stream_revision) AS revision FROM events WHERE stream_name = $1
), accepted AS (
  SELECT coalesce(revision, -1) AS revision FROM current_stream
  WHERE CASE $2::text
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN revision IS NULL
    WHEN 'stream_exists' THEN revision IS NOT NULL
    ELSE revision IS NOT DISTINCT FROM $3::bigint
  END
), inserted AS (
  INSERT INTO events (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)
  SELECT $1, accepted.revision + e.ord, e.id, e.type, e.version, e.data, e.metadata
  FROM accepted,
       unnest($4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[])
         WITH ORDINALITY AS e(id, type, version, data, metadata, ord)
  RETURNING stream_revision, global_position
)
SELECT (SELECT revision FROM current_stream) AS current_revision,
       max(stream_revision) AS last_revision,
       max(global_position) AS last_position
FROM inserted`;

/**
 * Notified by the writer after every commit that appended, with the highest position it wrote (see
 * `announce`). Not by a trigger in the appending transaction: a NOTIFY takes a database-wide lock
 * from its commit until the commit is flushed, so every appending transaction would commit one
 * after the other (pgbench, 32 clients: single-row INSERT 12,352 TPS alone, 3,559 with a
 * statement-level NOTIFY trigger on the table).
 */
const APPENDED_CHANNEL = 'nrm_events_appended';

/**
 * A notification needs no durability: its own commit does not wait for the WAL flush (only this
 * transaction's setting, `set_config(..., true)`).
 */
const ANNOUNCE_SQL = `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${APPENDED_CHANNEL}', $1)`;

const EVENT_COLUMNS = `global_position, stream_name, stream_revision, event_id, event_type,
  schema_version, data, metadata, recorded_at`;

/**
 * Global order is (transaction_id, global_position), and readers only see transactions older than
 * the oldest one still running (the snapshot's xmin). A sequence value is taken before commit, so
 * a transaction may commit after one holding a higher position; bounding by xmin and ordering by
 * the writing transaction first means such a late commit is never skipped (as in emmett-postgresql).
 *
 * The snapshot's xmin is the whole server's, so the bound (`nrm_events_read_bound()`, migration
 * 1763742590000) leaves out the running transactions that pg_stat_activity shows in another
 * database, which cannot append here: a long transaction elsewhere on a shared server (another
 * application, another test run) held every read model of this one back until it ended. A
 * transaction it cannot place (finished meanwhile, or another role's while this one lacks
 * pg_read_all_stats) still bounds the read.
 */
const READ_ALL_SQL = `
SELECT ${EVENT_COLUMNS} FROM events
WHERE transaction_id < nrm_events_read_bound()
  AND (transaction_id, global_position) > (
    coalesce((SELECT transaction_id FROM events WHERE global_position = $1), '0'::xid8), $1::bigint)
ORDER BY transaction_id, global_position
LIMIT $2`;

/**
 * The chain as stored, each hash recomputed by the same function the append trigger used
 * (migration 1763742550000) next to the hash the trigger recorded.
 */
const CHAIN_COLUMNS = `stream_name, stream_revision, encode(previous_hash, 'hex') AS previous_hash,
  encode(hash, 'hex') AS recorded_hash,
  encode(nrm_event_hash(previous_hash, stream_name, stream_revision, event_id, event_type, schema_version, data,
    metadata), 'hex') AS hash`;

/** How many events a walk over the whole store reads per query. */
const CHAIN_BATCH_SIZE = 2_000;

interface ChainRow {
  stream_name: string;
  stream_revision: string;
  previous_hash: string | null;
  recorded_hash: string;
  hash: string;
}

interface EventRow {
  global_position: string;
  stream_name: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

export class PostgresEventStore implements EventStore {
  /** Appends and stream reads: inside a unit of work they join its transaction. */
  readonly transactions: PostgresTransactions;
  private readonly pool: Pool;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly announceGatherMs: number;
  /** The highest appended position not yet announced, and the announcements under way. */
  private unannounced: GlobalPosition | null = null;
  private announcing: Promise<void> | null = null;

  constructor(
    pool: Pool | PostgresTransactions,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.transactions = pool instanceof PostgresTransactions ? pool : new PostgresTransactions(pool);
    this.pool = this.transactions.pool;
    this.pollIntervalMs = options.pollIntervalMs ?? 20;
    this.batchSize = options.batchSize ?? 500;
    this.announceGatherMs = options.announceGatherMs ?? 2;
  }

  async appendToStream(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expectation = typeof expectedRevision === 'bigint' ? 'revision' : expectedRevision;
    const revision = typeof expectedRevision === 'bigint' ? expectedRevision.toString() : null;
    try {
      const { rows } = await this.transactions.query<{
        current_revision: string | null;
        last_revision: string | null;
        last_position: string | null;
      }>({
        // Named: PostgreSQL parses and plans the statement once per connection, not per append.
        name: 'nrm_append_to_stream',
        text: APPEND_SQL,
        values: [
          streamName,
          expectation,
          revision,
          events.map((e) => e.id),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
        ],
      });
      const row = rows[0];
      if (row.last_revision === null || row.last_position === null) {
        const repeated = await this.sameAppendBefore(streamName, events, expectedRevision);
        if (repeated) return repeated;
        throw new WrongExpectedRevisionError(streamName, expectedRevision, toBigIntOrNull(row.current_revision));
      }
      const lastGlobalPosition = BigInt(row.last_position);
      this.transactions.afterCommit(() => this.announce(lastGlobalPosition));
      return { nextExpectedRevision: BigInt(row.last_revision), lastGlobalPosition };
    } catch (error) {
      const conflict = isUniqueViolation(error, STREAM_REVISION_CONSTRAINT);
      if (!conflict && !isUniqueViolation(error, EVENT_ID_CONSTRAINT)) throw error;
      // Inside a transaction the error has aborted it: the whole unit of work must start again.
      if (this.transactions.inTransaction) throw new UnitOfWorkConflictError(streamName, expectedRevision);
      const repeated = await this.sameAppendBefore(streamName, events, expectedRevision);
      if (repeated) return repeated;
      if (!conflict) throw error;
      throw new WrongExpectedRevisionError(streamName, expectedRevision, await this.currentRevision(streamName));
    }
  }

  /**
   * As EventStoreDB does: the same events (by id) appended again with the expectation they were
   * first appended under are already there, so the append succeeds with the first result.
   */
  private async sameAppendBefore(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult | null> {
    const { rows } = await this.transactions.query<{
      event_id: string;
      stream_name: string;
      stream_revision: string;
      global_position: string;
    }>(`SELECT event_id, stream_name, stream_revision, global_position FROM events WHERE event_id = ANY($1::uuid[])`, [
      events.map((event) => event.id),
    ]);
    const byId = new Map(rows.map((row) => [row.event_id, row]));
    const found = events.map((event) => byId.get(event.id));
    if (found.some((row) => row === undefined || row.stream_name !== streamName)) return null;
    const revisions = found.map((row) => BigInt(row!.stream_revision));
    const first =
      typeof expectedRevision === 'bigint'
        ? expectedRevision + 1n
        : expectedRevision === 'no_stream'
          ? 0n
          : revisions[0];
    if (revisions.some((revision, index) => revision !== first + BigInt(index))) return null;
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: BigInt(last.stream_revision), lastGlobalPosition: BigInt(last.global_position) };
  }

  /**
   * Wakes the readers (watchAppends) once the append is committed. At most one notification is in
   * flight per store, carrying the highest position committed so far; what is committed while it
   * travels is announced by the next one, so every commit is followed by a notification sent after
   * it, whatever the load, at no cost to the appending transactions. A process that dies between
   * its commit and the notification leaves it to the readers' safety-net poll.
   */
  private announce(position: GlobalPosition): void {
    if (this.unannounced === null || position > this.unannounced) this.unannounced = position;
    this.announcing ??= this.sendAnnouncements();
  }

  private async sendAnnouncements(): Promise<void> {
    do {
      // Gathers what commits meanwhile into one notification (a transaction of its own for
      // PostgreSQL, a wake-up and a read for every reader): without it, one writer appending one
      // event at a time would send a notification per append. (Awaited first, so `announcing`
      // is set before this ends.)
      await sleep(this.announceGatherMs);
      // Once its owner ended the pool (shutdown), readers learn the rest from their safety net.
      if (this.unannounced === null || this.pool.ending) break;
      const position = this.unannounced;
      this.unannounced = null;
      await this.pool
        .query({ name: 'nrm_announce_appended', text: ANNOUNCE_SQL, values: [position.toString()] })
        .catch((error: unknown) => this.options.onError?.(error));
    } while (this.unannounced !== null);
    this.announcing = null;
  }

  async readStream(streamName: string): Promise<ReadStreamResult> {
    // Unnamed, as readAll: a plan kept per connection could be one made while the store was empty.
    const { rows } = await this.transactions.query<EventRow>({
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = $1 ORDER BY stream_revision`,
      values: [streamName],
    });
    const events = rows.map(toRecordedEvent);
    return { currentRevision: events.length ? events[events.length - 1].revision : null, events };
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    // Unnamed: planned on every read for the store's size now (about 0.1 ms). A plan kept per
    // connection could be one made while the store was empty, which scanned the whole events
    // table on every read until the next ANALYZE (see migration 1763742590000).
    const { rows } = await this.pool.query<EventRow>({
      text: READ_ALL_SQL,
      values: [(after ?? 0n).toString(), maxCount],
    });
    return rows.map(toRecordedEvent);
  }

  async *subscribeToAll({ after, signal }: SubscribeToAllOptions): AsyncIterable<RecordedEvent> {
    let checkpoint = after ?? null;
    const backoff = new Backoff(this.options);
    while (!signal.aborted) {
      let batch: RecordedEvent[];
      try {
        batch = await this.readAll({ after: checkpoint, maxCount: this.batchSize });
        backoff.reset();
      } catch (error) {
        // A dropped connection or a failover: resume from the last delivered event.
        this.options.onError?.(error);
        await backoff.wait(signal);
        continue;
      }
      for (const event of batch) {
        if (signal.aborted) return;
        yield event;
        checkpoint = event.globalPosition;
      }
      if (batch.length < this.batchSize) await sleep(this.pollIntervalMs, signal);
    }
  }

  async headPosition(): Promise<GlobalPosition | null> {
    const { rows } = await this.pool.query<{ head: string | null }>('SELECT max(global_position) AS head FROM events');
    return toBigIntOrNull(rows[0].head);
  }

  /** LISTENs on a connection of its own (never one of the pool's) to the append trigger's channel. */
  async watchAppends(onAppended: (position: GlobalPosition | null) => void, signal: AbortSignal): Promise<void> {
    const backoff = new Backoff(this.options);
    while (!signal.aborted) {
      const client = new Client({ ...this.pool.options, application_name: 'nrm-events-watch' });
      const lost = new Promise<void>((resolve) => {
        client.on('error', (error) => {
          this.options.onError?.(error);
          resolve();
        });
        client.on('end', () => resolve());
      });
      let closing: Promise<void> | null = null;
      const close = () => (closing ??= client.end().catch(() => undefined));
      const stop = () => void close();
      signal.addEventListener('abort', stop, { once: true });
      try {
        client.on('notification', ({ payload }) => onAppended(payload ? BigInt(payload) : null));
        await client.connect();
        await client.query(`LISTEN ${APPENDED_CHANNEL}`);
        backoff.reset();
        onAppended(null);
        await lost;
      } catch (error) {
        if (!signal.aborted) this.options.onError?.(error);
      } finally {
        signal.removeEventListener('abort', stop);
        await close();
      }
      await backoff.wait(signal);
    }
  }

  async hasReached(checkpoint: GlobalPosition | null, target: GlobalPosition): Promise<boolean> {
    if (checkpoint === null) return false;
    if (checkpoint === target) return true;
    const { rows } = await this.pool.query<{ reached: boolean }>(
      `SELECT (c.transaction_id, c.global_position) >= (t.transaction_id, t.global_position) AS reached
       FROM events c, events t WHERE c.global_position = $1 AND t.global_position = $2`,
      [checkpoint.toString(), target.toString()],
    );
    return rows[0]?.reached ?? false;
  }

  async readChain(streamName: string): Promise<ChainLink[]> {
    const { rows } = await this.pool.query<ChainRow>(
      `SELECT ${CHAIN_COLUMNS} FROM events WHERE stream_name = $1 ORDER BY stream_revision`,
      [streamName],
    );
    return rows.map(toChainLink);
  }

  async *readChains(): AsyncIterable<ChainLink[]> {
    let after: { stream: string; revision: string } | null = null;
    let current: ChainLink[] = [];
    for (;;) {
      // Keyset pages along the unique (stream_name, stream_revision) index.
      const { rows }: { rows: ChainRow[] } = await this.pool.query<ChainRow>(
        `SELECT ${CHAIN_COLUMNS} FROM events ${after ? 'WHERE (stream_name, stream_revision) > ($1, $2::bigint)' : ''}
         ORDER BY stream_name, stream_revision LIMIT ${CHAIN_BATCH_SIZE}`,
        after ? [after.stream, after.revision] : [],
      );
      for (const link of rows.map(toChainLink)) {
        if (current.length && current[0].streamName !== link.streamName) {
          yield current;
          current = [];
        }
        current.push(link);
      }
      if (rows.length < CHAIN_BATCH_SIZE) break;
      const last: ChainRow = rows[rows.length - 1];
      after = { stream: last.stream_name, revision: last.stream_revision };
    }
    if (current.length) yield current;
  }

  async readChainHeads(): Promise<ChainLink[]> {
    const { rows } = await this.pool.query<ChainRow>(
      `SELECT DISTINCT ON (stream_name) ${CHAIN_COLUMNS} FROM events ORDER BY stream_name, stream_revision DESC`,
    );
    return rows.map(toChainLink);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM events LIMIT 1');
  }

  /** Sends what is left to announce, so readers elsewhere learn of the last appends at once. */
  async close(): Promise<void> {
    // The pool belongs to whoever created it.
    await this.announcing;
  }

  private async currentRevision(streamName: string): Promise<StreamRevision | null> {
    const { rows } = await this.pool.query<{ revision: string | null }>(
      'SELECT max(stream_revision) AS revision FROM events WHERE stream_name = $1',
      [streamName],
    );
    return toBigIntOrNull(rows[0].revision);
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream_name,
    revision: BigInt(row.stream_revision),
    globalPosition: BigInt(row.global_position),
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

function toChainLink(row: ChainRow): ChainLink {
  return {
    streamName: row.stream_name,
    revision: BigInt(row.stream_revision),
    previousHash: row.previous_hash,
    hash: row.hash,
    recordedHash: row.recorded_hash,
  };
}

function toBigIntOrNull(value: string | null): bigint | null {
  return value === null ? null : BigInt(value);
}

/** True for PostgreSQL's refusal of a row that breaks `constraint` (a unique index or primary key). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = (error ?? {}) as { code?: string; constraint?: string };
  return pgError.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}
