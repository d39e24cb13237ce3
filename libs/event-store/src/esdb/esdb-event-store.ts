import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamRecordedEvent,
  type AppendResult as EsdbAppendResult,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type StreamRevision,
  type SubscribeToAllOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { Backoff, type RetryOptions } from '../backoff';
import { type ChainLink, storedEventHash } from '../integrity/hash-chain';

/** The retry options bound the backoff between resubscriptions after a dropped subscription. */
export interface EsdbEventStoreOptions extends RetryOptions {
  /** How long ping waits: the client gives streaming reads no deadline, so ping bounds its own. */
  pingTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/** Metadata key carrying NewEvent.schemaVersion; stripped again on read. */
const SCHEMA_VERSION_KEY = 'schemaVersion';

/** Metadata key carrying the predecessor's hash in the stream (tamper evidence); stripped on read. */
const PREVIOUS_HASH_KEY = 'previousHash';

/** How often an append with a loose expectation ('any', 'stream_exists') chains again after losing a race. */
const CHAIN_ATTEMPTS = 5;

/** A stream's last event as the chain knows it: its revision and hash. */
interface ChainEnd {
  revision: StreamRevision | null;
  hash: string | null;
}

/*
 * Global position = the event's $all commit position. An append through gRPC writes each event
 * as its own committed prepare record, which the server reports at {commit: its log position,
 * prepare: the same} on reads and on live subscriptions alike; events of one multi-event append do
 * NOT share a commit position. So the commit position is unique per event and strictly increasing
 * in $all order, and {commit: p, prepare: p} is the exact position of the event at p, even in the
 * middle of an append: nothing needs filtering by (commit, prepare). Only legacy explicit (TCP API)
 * transactions give commit != prepare; one number cannot address those, so toGlobalPosition
 * refuses them. (emmett-esdb uses the commit position too.)
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly pingTimeoutMs: number;

  constructor(
    connectionString: string,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  }

  /**
   * Each event's metadata carries its predecessor's hash, so the append is pinned to the
   * predecessor it chained to: a loose expectation ('any', 'stream_exists') becomes that revision,
   * and an append that lost the race to another writer chains again onto the new last event.
   */
  async appendToStream(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    for (let attempt = 1; ; attempt++) {
      const end = await this.chainEndFor(streamName, expectedRevision);
      const loose = expectedRevision === 'any' || expectedRevision === 'stream_exists';
      const pinned = loose && end.revision !== null ? end.revision : expectedRevision;
      try {
        return await this.appendChained(streamName, events, pinned, end);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (pinned !== expectedRevision && attempt < CHAIN_ATTEMPTS) continue;
        throw new WrongExpectedRevisionError(streamName, expectedRevision, error.actual);
      }
    }
  }

  private async appendChained(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    end: ChainEnd,
  ): Promise<AppendResult> {
    let result: EsdbAppendResult;
    let previousHash = end.hash;
    let revision = end.revision === null ? 0n : end.revision + 1n;
    const stored = events.map((event) => {
      const metadata = {
        ...event.metadata,
        [SCHEMA_VERSION_KEY]: event.schemaVersion,
        [PREVIOUS_HASH_KEY]: previousHash,
      };
      previousHash = storedEventHash(previousHash, { ...event, streamName, revision: revision++, metadata });
      return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
    });
    try {
      result = await this.client.appendToStream(
        streamName,
        stored,
        // The port's 'any' | 'no_stream' | 'stream_exists' | bigint are the client's ANY,
        // NO_STREAM, STREAM_EXISTS and revision values, so they pass through unchanged.
        { expectedRevision },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? null : error.actualVersion;
        throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
      }
      throw error;
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string, where the client (batch
      // append) also misreports the stream's revision: refuse the setting rather than guess.
      throw new Error(`Append to ${streamName} failed: remove throwOnAppendFailure=false from the connection string`);
    }
    const position = result.position ?? (await this.positionOf(streamName, result.nextExpectedRevision));
    // An append's position is that of its last event (commit = prepare, see above).
    return { nextExpectedRevision: result.nextExpectedRevision, lastGlobalPosition: position.commit };
  }

  /** The event an append under this expectation would follow: the expected revision's, or the last. */
  private async chainEndFor(streamName: string, expectedRevision: ExpectedRevision): Promise<ChainEnd> {
    if (expectedRevision === 'no_stream') return { revision: null, hash: null };
    const read =
      typeof expectedRevision === 'bigint'
        ? this.client.readStream(streamName, { fromRevision: expectedRevision, maxCount: 1 })
        : this.client.readStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    try {
      for await (const { event } of read) if (event) return { revision: event.revision, hash: chainLinkOf(event).hash };
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { revision: null, hash: null };
  }

  async readStream(streamName: string): Promise<ReadStreamResult> {
    let currentRevision: StreamRevision | null = null;
    const events: RecordedEvent[] = [];
    try {
      for await (const { event, link } of this.client.readStream(streamName, { resolveLinkTos: true })) {
        // A link's revision is its place in this stream; the resolved event keeps its own stream.
        currentRevision = (link ?? event)?.revision ?? currentRevision;
        // No event: a link whose target is gone. '$' types: system events and unresolved links.
        if (event && !isSystemType(event.type)) events.push(toRecordedEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { currentRevision: null, events: [] };
      throw error;
    }
    return { currentRevision, events };
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    // Reading $all from a position includes the event there, so `seen` is an exclusive bound.
    let seen: Position | null = after == null ? null : toPosition(after);
    // The client's readAll takes no filter: system events are skipped here, which may take
    // several pages to find maxCount others. One extra per page absorbs the inclusive start.
    while (events.length < maxCount) {
      let pageSize = 0;
      for await (const { event } of this.client.readAll({
        fromPosition: seen ?? START,
        maxCount: maxCount + 1,
        resolveLinkTos: false,
      })) {
        pageSize++;
        if (!event || (seen !== null && !isAfter(event.position, seen))) continue;
        seen = event.position;
        if (!isSystemType(event.type) && events.length < maxCount) events.push(toRecordedEvent(event));
      }
      if (pageSize <= maxCount) break; // a short page: the end of $all
    }
    return events;
  }

  async *subscribeToAll({ after, signal }: SubscribeToAllOptions): AsyncIterable<RecordedEvent> {
    // The full position of the last delivered event: every (re)subscription resumes after it.
    let resumeAfter: Position | null = after == null ? null : toPosition(after);
    const resumePoint = () => (resumeAfter === null ? START : this.positionBefore(resumeAfter));
    for await (const event of this.resubscribing(resumePoint, signal)) {
      if (resumeAfter !== null && !isAfter(event.position, resumeAfter)) continue;
      resumeAfter = event.position;
      yield toRecordedEvent(event);
    }
  }

  async headPosition(): Promise<GlobalPosition | null> {
    for await (const { event } of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 100 })) {
      if (event && !isSystemType(event.type)) return toRecordedEvent(event).globalPosition;
    }
    return null;
  }

  /**
   * A live $all subscription from the end: each event is a wake-up, and so is every (re)subscription,
   * as appends may have come while there was none.
   */
  async watchAppends(onAppended: (position: GlobalPosition | null) => void, signal: AbortSignal): Promise<void> {
    const fromTheEnd = (): ReadPosition => {
      onAppended(null);
      return END;
    };
    for await (const event of this.resubscribing(fromTheEnd, signal)) onAppended(toRecordedEvent(event).globalPosition);
  }

  async hasReached(checkpoint: GlobalPosition | null, target: GlobalPosition): Promise<boolean> {
    return checkpoint !== null && checkpoint >= target;
  }

  async readChain(streamName: string): Promise<ChainLink[]> {
    const links: ChainLink[] = [];
    try {
      for await (const { event } of this.client.readStream(streamName)) {
        if (event && !isSystemType(event.type)) links.push(chainLinkOf(event));
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return links;
  }

  /** One pass over $all, grouped by stream in memory. */
  async *readChains(): AsyncIterable<ChainLink[]> {
    const streams = new Map<string, ChainLink[]>();
    for await (const { event } of this.client.readAll({ resolveLinkTos: false })) {
      if (!event || isSystemType(event.type) || isSystemType(event.streamId)) continue;
      const links = streams.get(event.streamId) ?? [];
      links.push(chainLinkOf(event));
      streams.set(event.streamId, links);
    }
    for (const links of streams.values()) yield links.sort((a, b) => (a.revision < b.revision ? -1 : 1));
  }

  async readChainHeads(): Promise<ChainLink[]> {
    const heads: ChainLink[] = [];
    for await (const links of this.readChains()) heads.push(links[links.length - 1]);
    return heads;
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ maxCount: 1 });
    const timer = setTimeout(() => {
      read.destroy(new Error(`EventStoreDB did not answer within ${this.pingTimeoutMs} ms`));
      // destroy() leaves the gRPC call open. cancel() rejects only when the call never started,
      // which the read reports itself.
      read.cancel().catch(() => undefined);
    }, this.pingTimeoutMs);
    try {
      await read.toArray();
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /**
   * Subscriptions to $all, one after the other: when the server drops one, the error is reported and,
   * after a backoff (reset by each event received), the next starts where `startFrom` then says.
   * Returns when `signal` aborts.
   */
  private async *resubscribing(
    startFrom: () => Promise<ReadPosition> | ReadPosition,
    signal: AbortSignal,
  ): AsyncGenerator<AllStreamRecordedEvent> {
    const backoff = new Backoff(this.options);
    while (!signal.aborted) {
      try {
        for await (const event of this.subscribe(await startFrom(), signal)) {
          backoff.reset();
          yield event;
        }
        if (signal.aborted) return;
        this.options.onError?.(new Error('EventStoreDB ended the $all subscription'));
      } catch (error) {
        if (signal.aborted) return;
        this.options.onError?.(error);
      }
      await backoff.wait(signal);
    }
  }

  /** One subscription: ends or throws when the server drops it, returns when `signal` aborts. */
  private async *subscribe(fromPosition: ReadPosition, signal: AbortSignal): AsyncGenerator<AllStreamRecordedEvent> {
    if (signal.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition,
      filter: excludeSystemEvents(),
      resolveLinkTos: false,
    });
    // A pending read only settles when the stream does: destroying it wakes the for-await.
    const stop = () => subscription.destroy();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const { event } of subscription) if (event) yield event;
    } finally {
      signal.removeEventListener('abort', stop);
      // Cancels the gRPC call (destroy alone leaves it open). It rejects only when the call
      // never started, a failure the for-await has already reported.
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  /**
   * The server starts a subscription after the first event at or after the position it is given,
   * which is exact only when an event sits exactly there: a checkpoint whose event was scavenged
   * (or 0) would lose the next event. So subscribe after the event just before `position` (a
   * backwards read excludes its start) and let the caller drop what is not after `position`.
   */
  private async positionBefore(position: Position): Promise<ReadPosition> {
    for await (const { event } of this.client.readAll({ direction: BACKWARDS, fromPosition: position, maxCount: 1 })) {
      if (event) return event.position;
    }
    return START;
  }

  /** The position of a stream's event: the server answers an append without one when it has none at hand. */
  private async positionOf(streamName: string, revision: StreamRevision): Promise<Position> {
    for await (const { event } of this.client.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
      if (event?.position) return event.position;
    }
    throw new Error(`EventStoreDB has no event ${streamName}@${revision.toString()}`);
  }
}

function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) throw new Error(`EventStoreDB gave no position for event ${event.id}`);
  const {
    [SCHEMA_VERSION_KEY]: schemaVersion,
    [PREVIOUS_HASH_KEY]: _previousHash,
    ...metadata
  } = isJsonObject(event.metadata) ? event.metadata : {};
  return {
    id: event.id,
    streamName: event.streamId,
    revision: event.revision,
    globalPosition: toGlobalPosition(event.position),
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: event.created,
  };
}

/** The event's link in its stream's chain, hashed over its stored data and metadata. */
function chainLinkOf(event: EsdbRecordedEvent): ChainLink {
  const metadata = isJsonObject(event.metadata) ? event.metadata : {};
  const previousHash = typeof metadata[PREVIOUS_HASH_KEY] === 'string' ? metadata[PREVIOUS_HASH_KEY] : null;
  return {
    streamName: event.streamId,
    revision: event.revision,
    previousHash,
    hash: storedEventHash(previousHash, { ...event, streamName: event.streamId, metadata: event.metadata }),
  };
}

function toGlobalPosition({ commit, prepare }: Position): GlobalPosition {
  if (commit !== prepare) {
    throw new Error(
      `Event at commit ${commit.toString()} / prepare ${prepare.toString()} comes from an explicit transaction; ` +
        'it has no single global position',
    );
  }
  return commit;
}

function toPosition(position: GlobalPosition): Position {
  return { commit: position, prepare: position };
}

/** $all order: by commit position, then by prepare position. */
function isAfter(a: Position, b: Position): boolean {
  return a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
}

function isSystemType(type: string): boolean {
  return type.startsWith('$');
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
