import type { Actor, Decider } from '@nrm/shared-kernel';
import { commandEventId, hasCommandIdentity, noteAppendStarted } from './command-identity';
import type { EventCodec } from './event-codec';
import {
  type EventStore,
  type NewEvent,
  type ReadStreamResult,
  type RecordedEvent,
  type StreamRevision,
  UnitOfWorkConflictError,
  WrongExpectedRevisionError,
} from './event-store.port';

export interface CommandOptions {
  actor: Actor;
  correlationId: string;
  now: Date;
  /** The revision the client saw (If-Match). When given, a mismatch is never retried. */
  expectedRevision?: StreamRevision;
  /** How often to re-read and re-decide after a concurrent write when no revision was given. */
  maxRetries?: number;
  /**
   * The command creates the stream under a fresh id: decide on the initial state without reading
   * (one round trip less); the append still requires that the stream does not exist, and a
   * conflict falls back to reading it.
   */
  newStream?: boolean;
}

export interface CommandResult<Event> {
  events: Event[];
  /** The stream's revision after the command (null: the stream still does not exist). */
  revision: StreamRevision | null;
  /** Global position of the last appended event (null when the command appended nothing). */
  lastGlobalPosition: bigint | null;
}

/** The client's If-Match no longer matches the stream: answer 412, nothing was appended. */
export class StaleRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: StreamRevision,
    readonly actual: StreamRevision | null,
  ) {
    super(`${streamName} is at revision ${actual ?? 'none'}, not ${expected}`);
    this.name = 'StaleRevisionError';
  }
}

/**
 * Load, decide, append with the expected revision; on a concurrent write, decide again on the
 * fresh state (the decision may change), unless the client pinned a revision.
 *
 * Event ids come from the command's identity (command-identity.ts): when the stream already holds
 * this command's first event, an earlier attempt of the same request was appended (and its process
 * died before it could answer), so that attempt's events are the result, and nothing is decided or
 * appended again.
 */
export async function handleCommand<State, Command, Event extends { type: string; data: object }>(
  store: EventStore,
  codec: EventCodec,
  decider: Decider<State, Command, Event>,
  streamName: string,
  command: Command | ((state: State) => Command),
  options: CommandOptions,
): Promise<CommandResult<Event>> {
  const maxRetries = options.expectedRevision === undefined ? (options.maxRetries ?? 3) : 0;
  for (let attempt = 0; ; attempt++) {
    const stream: ReadStreamResult =
      options.newStream && attempt === 0 ? { currentRevision: null, events: [] } : await store.readStream(streamName);
    let state = decider.initialState();
    const decodedStream = await codec.decodeAll(stream.events);
    for (const decoded of decodedStream) {
      state = decider.evolve(state, { type: decoded.type, data: decoded.data } as unknown as Event);
    }
    // Resolved first: it may refuse a caller who must not learn that the stream exists.
    const resolved = typeof command === 'function' ? (command as (s: State) => Command)(state) : command;
    const alreadyAppended = indexesOfThisCommand(stream.events, streamName);
    if (alreadyAppended.length > 0) {
      const last = stream.events[alreadyAppended[alreadyAppended.length - 1]];
      return {
        events: alreadyAppended.map(
          (i) => ({ type: decodedStream[i].type, data: decodedStream[i].data }) as unknown as Event,
        ),
        revision: last.revision,
        lastGlobalPosition: last.globalPosition,
      };
    }
    if (options.expectedRevision !== undefined && stream.currentRevision !== options.expectedRevision) {
      throw new StaleRevisionError(streamName, options.expectedRevision, stream.currentRevision);
    }
    const events = decider.decide(resolved, state);
    if (events.length === 0) return { events, revision: stream.currentRevision, lastGlobalPosition: null };

    const metadata = {
      actorId: options.actor.userId,
      actorName: options.actor.name,
      organisationId: options.actor.organisationId,
      organisationType: options.actor.organisationType,
      correlationId: options.correlationId,
      occurredAt: options.now.toISOString(),
    };
    // One after the other: inside a transaction they share one connection.
    const encoded: NewEvent[] = [];
    for (const [index, event] of events.entries()) {
      encoded.push({ ...(await codec.encode(event, metadata)), id: commandEventId(streamName, index) });
    }
    noteAppendStarted();
    try {
      const appended = await store.appendToStream(streamName, encoded, stream.currentRevision ?? 'no_stream');
      return { events, revision: appended.nextExpectedRevision, lastGlobalPosition: appended.lastGlobalPosition };
    } catch (error) {
      // A conflict that aborted the unit of work is retried by the unit itself, from the start.
      if (!(error instanceof WrongExpectedRevisionError) || error instanceof UnitOfWorkConflictError) throw error;
      if (options.expectedRevision !== undefined) {
        throw new StaleRevisionError(streamName, options.expectedRevision, error.actual);
      }
      if (attempt >= maxRetries) throw error;
    }
  }
}

/** Where in `events` the events of this command's identity are (none without an identity). */
function indexesOfThisCommand(events: readonly RecordedEvent[], streamName: string): number[] {
  if (events.length === 0 || !hasCommandIdentity()) return [];
  const first = commandEventId(streamName, 0);
  const start = events.findIndex((event) => event.id === first);
  if (start < 0) return [];
  const found = [start];
  while (events[start + found.length]?.id === commandEventId(streamName, found.length))
    found.push(start + found.length);
  return found;
}
