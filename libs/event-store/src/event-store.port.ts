/**
 * The one port through which the write side and the projections reach an event store.
 * Two adapters implement it (PostgreSQL and EventStoreDB) and pass the same contract suite
 * (libs/event-store/src/testing/event-store.contract.ts).
 */

import type { ChainLink } from './integrity/hash-chain';

/** Position of an event in the store-wide ($all) order. Stable, only ever grows per commit. */
export type GlobalPosition = bigint;

/** Revision of the last event in a stream; the first event of a stream is revision 0. */
export type StreamRevision = bigint;

/**
 * What the writer believes the stream looks like:
 * a revision (the stream's last event is exactly that one), 'no_stream' (it must not exist yet),
 * 'stream_exists' (it must exist, any revision) or 'any' (no check).
 */
export type ExpectedRevision = StreamRevision | 'no_stream' | 'stream_exists' | 'any';

/** Metadata every event carries: who did it, for which organisation, why, and when. */
export interface EventMetadata {
  /** Acting user id (the JWT `sub`) or `system` for events the system appends by itself. */
  actorId: string;
  actorName?: string;
  /** Acting user's organisation id. */
  organisationId: string;
  organisationType?: string;
  correlationId: string;
  causationId?: string;
  /** ISO-8601 time from the injected clock of the process that decided the event. */
  occurredAt: string;
}

/** An event about to be appended, already serialised to JSON-safe data. */
export interface NewEvent {
  /** Unique id of this event (UUID). */
  id: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamName: string;
  revision: StreamRevision;
  globalPosition: GlobalPosition;
  /** When the store recorded it (store clock); `metadata.occurredAt` is the domain time. */
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last appended event: the stream's new revision. */
  nextExpectedRevision: StreamRevision;
  /** Global position of the last appended event. */
  lastGlobalPosition: GlobalPosition;
}

export interface ReadStreamResult {
  /** The stream's current revision, or null when the stream does not exist. */
  currentRevision: StreamRevision | null;
  events: RecordedEvent[];
}

export interface ReadAllOptions {
  /** Exclusive: read events after this position. Omitted or null: from the very start. */
  after?: GlobalPosition | null;
  maxCount: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events after this checkpoint. Omitted or null: from the very start. */
  after?: GlobalPosition | null;
  /** Stops the subscription; the iterator then ends. */
  signal: AbortSignal;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: StreamRevision | null,
  ) {
    super(
      `Stream ${streamName} is at revision ${actual === null ? 'none' : actual.toString()}, expected ${String(expected)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * A concurrent append won, and the conflict also aborted the transaction of the unit of work the
 * append ran in (PostgreSQL): the stream cannot be read again inside it, so the unit is run again
 * from the start (PostgresTransactions does), which reads the stream anew and decides again.
 */
export class UnitOfWorkConflictError extends WrongExpectedRevisionError {
  constructor(streamName: string, expected: ExpectedRevision) {
    super(streamName, expected, null);
    this.name = 'UnitOfWorkConflictError';
  }
}

/**
 * The connection was lost while the unit of work's COMMIT was on its way: it may have committed
 * or not. With an Idempotency-Key the request is asked again the full way (its key tells which);
 * without one the caller is told so (503), as nobody can know.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super('The database connection was lost while the command committed: it may or may not have taken effect', {
      cause,
    });
    this.name = 'CommitOutcomeUnknownError';
  }
}

export interface EventStore {
  /** Appends atomically, all or nothing; throws WrongExpectedRevisionError on a concurrency conflict. */
  appendToStream(streamName: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /** Reads a whole stream forward. A stream that does not exist gives currentRevision null and no events. */
  readStream(streamName: string): Promise<ReadStreamResult>;

  /**
   * Reads committed events in global order after a position. Never returns an event that a
   * still-running transaction may later precede (no late commit is ever skipped by a reader).
   */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catch-up subscription to every event after a checkpoint, then live ones, in global order.
   * Survives dropped connections by resubscribing from the last delivered event.
   * The consumer must finish handling an event before pulling the next (async iteration).
   */
  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<RecordedEvent>;

  /** Position of the latest event appended (committed, though maybe not yet readable), or null when empty. */
  headPosition(): Promise<GlobalPosition | null>;

  /**
   * Calls `onAppended` soon after events are committed, with the highest position announced, or
   * null when it cannot tell (on (re)connecting: something may have been missed). A hint to read
   * again, never a delivery: readers still read with readAll, whose visibility rules hold. Stops
   * when `signal` aborts; the promise settles once nothing of it is left open.
   */
  watchAppends(onAppended: (position: GlobalPosition | null) => void, signal: AbortSignal): Promise<void>;

  /**
   * True when a consumer whose checkpoint is `checkpoint` has seen the event at `target`
   * (positions are compared in the store's own global order).
   */
  hasReached(checkpoint: GlobalPosition | null, target: GlobalPosition): Promise<boolean>;

  /**
   * Tamper evidence (integrity/hash-chain.ts): one stream's hash chain as stored now, in revision
   * order; empty when the stream has no events.
   */
  readChain(streamName: string): Promise<ChainLink[]>;

  /** Every stream's chain, one stream at a time (each in revision order): to check the whole store. */
  readChains(): AsyncIterable<ChainLink[]>;

  /** Every stream's last link: what an anchor records. */
  readChainHeads(): Promise<ChainLink[]>;

  /** Liveness of the connection, for health checks. Throws when the store does not answer. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/** Nest injection token for the configured EventStore adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');
