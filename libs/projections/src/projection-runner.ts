import {
  type DecodedEvent,
  type EventCodec,
  type EventStore,
  type GlobalPosition,
  isDatabaseUnavailable,
  sleep,
} from '@nrm/event-store';
import { Client, type ClientConfig } from 'pg';
import { clientConfigOf } from './client-config';
import {
  type DataSource,
  type EntityManager,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { CHECKPOINT_MOVED_CHANNEL, PROJECTIONS_CHANGED_CHANNEL, type StoppedProjection } from './projection-admin';
import type { Projection } from './projection';

/** Waits `ms` or until `signal` aborts (never rejects); injected so tests drive the safety net. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /**
   * The safety net: how often a worker reads although nothing woke it, and asks for the locks of
   * projections it does not hold (so another worker takes over within about this long).
   */
  safetyNetMs?: number;
  /** Tries of one event before its projection stops there. */
  applyAttempts?: number;
  /** First backoff between tries (doubles each time). */
  retryDelayMs?: number;
  wait?: Wait;
  /** The dedicated connection holding every advisory lock (default: a new one from the DataSource's settings). */
  lockConnection?: ClientConfig;
  /**
   * The least time between two reads when woken: under load, what is appended meanwhile is read
   * and committed as one batch per projection instead of many small ones (default 10 ms; a lone
   * command after a quiet spell is read at once).
   */
  gatherMs?: number;
  /** Called each time the reader has nothing left to do and waits to be woken (diagnostics, tests). */
  onIdle?: () => void;
  log: { info(message: string, context?: object): void; error(message: string, context?: object): void };
}

type Recorded = Awaited<ReturnType<EventStore['readAll']>>[number];

/**
 * Reads after an announcement that found nothing readable yet, before the reader waits to be woken
 * again (about half a second at `gatherMs` apart; the safety net finishes the job).
 */
const MAX_HIDDEN_READS = 50;

/** Another worker moved the checkpoint, or a rebuild reset it: this one must read its state again. */
class CheckpointMovedError extends Error {}

/** The read models' database does not answer: a pause for everyone, not a projection's fault. */
class ReadModelsUnreachableError extends Error {}

interface Slot {
  readonly projection: Projection;
  owned: boolean;
  checkpoint: GlobalPosition | null;
  stopped: boolean;
}

interface CheckpointRow {
  projection: string;
  position: string | null;
  stopped: boolean;
  owned: boolean;
}

/**
 * One reader per worker: it reads each batch once, decodes (and decrypts) it once and hands it to
 * every projection this worker owns, each moving its own checkpoint by compare-and-set in the same
 * transaction as its read-model change, so a crash never double-applies or skips. Usually one
 * transaction serves them all (`commitTogether`); after a failure, each goes alone.
 *
 * Ownership: the owner of a projection holds a PostgreSQL advisory lock on one dedicated
 * connection (released by the server when the owner dies; the other worker takes it at its next
 * safety-net tick). Waking: the event store announces appends (LISTEN/NOTIFY, or the $all
 * subscription), a slow poll only backs that up. An event is readable once every older
 * transaction has ended (the store's xmin bound), so after an announcement the reader reads
 * again, with a short backoff, until it has seen what was announced.
 *
 * A projection that cannot apply an event (after `applyAttempts` tries, while the database
 * answers) stops there alone: the stop is recorded with its checkpoint (position, error) for
 * /health, /metrics and `npm run projections`, and the other projections go on.
 */
export class ProjectionRunner {
  private readonly abort = new AbortController();
  private readonly slots: Slot[];
  private readonly batchSize: number;
  private readonly safetyNetMs: number;
  private readonly applyAttempts: number;
  private readonly retryDelayMs: number;
  private readonly gatherMs: number;
  private readonly wait: Wait;
  /** When the last read started (performance.now()). */
  private lastReadAt = -Infinity;
  private loop: Promise<void> | null = null;
  private lockClient: Client | null = null;
  private claimDue = true;
  private wakePending = false;
  private wakeUp: () => void = () => undefined;
  /** Highest position the store announced, and highest this reader has read. */
  private announced = -1n;
  private seen = -1n;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.slots = projections.map((projection) => ({ projection, owned: false, checkpoint: null, stopped: false }));
    this.batchSize = options.batchSize ?? 500;
    this.safetyNetMs = options.safetyNetMs ?? 2_000;
    this.applyAttempts = options.applyAttempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.gatherMs = options.gatherMs ?? 10;
    this.wait = options.wait ?? sleep;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the batch in hand, then stops and gives up every lock. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wake();
    await this.loop;
  }

  /** Empties every read model and its checkpoint; a running worker (or `catchUp`) then replays all. */
  async resetAll(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const { projection } of this.slots) {
        for (const table of projection.tables) await manager.query(`TRUNCATE ${table}`);
        await manager.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [projection.name]);
      }
    });
  }

  /**
   * Projects everything up to the store's current end, waiting for each projection's lock, then
   * gives the locks up. Returns the projections that stopped on an event (the others are complete).
   */
  async catchUp(): Promise<StoppedProjection[]> {
    try {
      const client = await this.connectLocks();
      for (const slot of this.slots) {
        await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockName(slot.projection.name)]);
        slot.owned = true;
      }
      await this.claim();
      // Everything appended so far, also what an older transaction still hides (the xmin bound).
      const head = await this.store.headPosition();
      for (let backoff = 1; ; backoff = Math.min(backoff * 2, 512)) {
        await this.drain();
        if (head === null || (await this.allReached(head))) break;
        await this.wait(backoff, this.abort.signal);
      }
      return await this.stoppedProjections();
    } finally {
      await this.releaseLocks();
    }
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const watching = this.store
      .watchAppends((position) => {
        if (position !== null && position > this.announced) this.announced = position;
        this.wake();
      }, signal)
      .catch((error: unknown) => this.options.log.error('event store watch ended', { error: messageOf(error) }));
    const ticking = this.tick(signal);
    let retryDelay = this.retryDelayMs;
    while (!signal.aborted) {
      try {
        if (this.claimDue) await this.claim();
        await this.drain();
        retryDelay = this.retryDelayMs;
      } catch (error) {
        this.claimDue = true;
        this.options.log.error('projections paused on an error; they resume from their checkpoints', {
          error: messageOf(error),
        });
        await this.wait(retryDelay, signal);
        retryDelay = Math.min(retryDelay * 2, this.safetyNetMs);
        continue;
      }
      await this.woken();
      // Woken by appends soon after a read: let more gather (not for the safety net's tick).
      const sinceLastRead = performance.now() - this.lastReadAt;
      if (this.announced > this.seen && sinceLastRead < this.gatherMs) {
        await this.wait(this.gatherMs - sinceLastRead, signal);
      }
    }
    await Promise.all([watching, ticking]);
    await this.releaseLocks();
  }

  /** The safety net: every `safetyNetMs`, read again and ask for the locks not held. */
  private async tick(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.wait(this.safetyNetMs, signal);
      this.claimDue = true;
      this.wake();
    }
  }

  private wake(): void {
    this.wakePending = true;
    this.wakeUp();
  }

  private async woken(): Promise<void> {
    if (!this.wakePending) this.options.onIdle?.();
    if (!this.wakePending) await new Promise<void>((resolve) => (this.wakeUp = resolve));
    this.wakeUp = () => undefined;
    this.wakePending = false;
  }

  /**
   * One statement on the lock connection: tries the locks not held and reads every checkpoint and
   * stop (a resume or a skip changes them while this worker holds the lock).
   */
  private async claim(): Promise<void> {
    this.claimDue = false;
    const client = await this.connectLocks();
    const names = this.slots.map((slot) => slot.projection.name);
    const wanted = this.slots.filter((slot) => !slot.owned).map((slot) => slot.projection.name);
    const read = () =>
      client.query<CheckpointRow>(
        `SELECT projection, position::text, stopped_at IS NOT NULL AS stopped,
                CASE WHEN projection = ANY($2) THEN pg_try_advisory_lock(hashtext('projection:' || projection))
                     ELSE true END AS owned
         FROM projection_checkpoints WHERE projection = ANY($1)`,
        [names, wanted],
      );
    let { rows } = await read();
    if (rows.length < names.length) {
      // A new projection, or a rebuild emptied the checkpoints: the missing ones start from the beginning.
      for (const row of rows)
        if (row.owned && wanted.includes(row.projection)) await this.unlock(client, row.projection);
      await client.query(
        `INSERT INTO projection_checkpoints (projection, position) SELECT unnest($1::text[]), NULL ON CONFLICT DO NOTHING`,
        [names],
      );
      ({ rows } = await read());
    }
    for (const row of rows) {
      const slot = this.slots.find((candidate) => candidate.projection.name === row.projection)!;
      if (row.owned && !slot.owned) this.options.log.info('projection started', { projection: row.projection });
      slot.owned = row.owned;
      slot.checkpoint = row.position === null ? null : BigInt(row.position);
      slot.stopped = row.stopped;
    }
  }

  /** True when every projection that is not stopped has applied the event at `position`. */
  private async allReached(position: GlobalPosition): Promise<boolean> {
    for (const slot of this.slots) {
      if (!slot.stopped && !(await this.store.hasReached(slot.checkpoint, position))) return false;
    }
    return true;
  }

  /**
   * Reads and applies until every running projection has seen what is readable and what was
   * announced (giving up after about half a second: the safety net finishes the job).
   */
  private async drain(): Promise<void> {
    this.lastReadAt = performance.now();
    let backoff = 1;
    let hiddenReads = 0;
    while (!this.abort.signal.aborted) {
      const running = this.slots.filter((slot) => slot.owned && !slot.stopped);
      if (running.length === 0) return;
      let progressed = false;
      for (const group of byCheckpoint(running)) {
        if (await this.advance(group, running)) progressed = true;
      }
      if (progressed) {
        backoff = 1;
        hiddenReads = 0;
        continue;
      }
      // Announced but not yet readable: an older transaction is still running (the xmin bound).
      // The wait grows only up to `gatherMs`: it ends when that transaction does, and a wait that
      // kept doubling (to 256 ms) overshot its end by as long as it had already waited.
      if (this.announced <= this.seen || hiddenReads++ >= MAX_HIDDEN_READS) return;
      await this.wait(backoff, this.abort.signal);
      backoff = Math.min(backoff * 2, this.gatherMs);
    }
  }

  /**
   * Reads one batch after the group's checkpoint and applies it to each projection of the group.
   * A batch is cut at another group's checkpoint, so groups meet and then read as one.
   */
  private async advance(group: Slot[], running: Slot[]): Promise<boolean> {
    const after = group[0].checkpoint;
    let events = await this.store.readAll({ after, maxCount: this.batchSize });
    if (events.length === 0) return false;
    const meeting = events.findIndex((event) =>
      running.some((slot) => slot.checkpoint === event.globalPosition && !group.includes(slot)),
    );
    if (meeting >= 0) events = events.slice(0, meeting + 1);
    for (const event of events) if (event.globalPosition > this.seen) this.seen = event.globalPosition;
    const decoded = await this.decode(
      events.filter((event) => group.some((slot) => slot.projection.handles(event.type))),
    );
    const handling = group.filter((slot) => events.some((event) => slot.projection.handles(event.type)));
    const passing = group.filter((slot) => !handling.includes(slot));
    if (handling.length > 0 && (await this.commitTogether(group, events, decoded))) return true;
    const results = await Promise.allSettled([
      ...handling.map((slot) => this.applyTo(slot, events, decoded)),
      this.passOver(passing, events[events.length - 1].globalPosition),
    ]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
    return true;
  }

  /**
   * The usual way of a batch: every projection of the group applies it in one transaction, whose
   * last statement moves all their checkpoints. A transaction each cost three round trips more per
   * projection, and round trips are the worker's main cost (each socket write wakes PostgreSQL:
   * about 0.28 ms of the worker's CPU on the bench's machine). Any failure rolls it all back and
   * answers false: the batch then goes a projection at a time (`applyTo`), where a projection that
   * cannot apply an event stops there alone.
   */
  private async commitTogether(
    group: Slot[],
    events: Recorded[],
    decoded: Map<GlobalPosition, DecodedEvent | Error>,
  ): Promise<boolean> {
    const last = events[events.length - 1].globalPosition;
    const applying: { slot: Slot; handled: DecodedEvent[] }[] = [];
    for (const slot of group) {
      const handled = handledBy(slot.projection, events, decoded);
      if (handled instanceof Error) return false;
      applying.push({ slot, handled });
    }
    try {
      await this.dataSource.transaction(async (manager: EntityManager) => {
        for (const { slot, handled } of applying) {
          if (handled.length > 0) await slot.projection.apply(handled, manager);
        }
        const [moved]: [unknown[], number] = await manager.query(MOVE_CHECKPOINTS_SQL, moveParameters(group, last));
        if (moved.length !== group.length) throw new CheckpointMovedError('a checkpoint moved elsewhere');
      });
    } catch {
      return false;
    }
    for (const slot of group) slot.checkpoint = last;
    for (const { slot, handled } of applying) {
      if (handled.length > 0) await slot.projection.afterCommit?.(handled);
    }
    return true;
  }

  /**
   * When a batch goes a projection at a time: moves the checkpoints of those that handle none of
   * its events in one statement, without a transaction (their read models do not change).
   * Compare-and-set as in `commit`; one whose checkpoint moved elsewhere is lost.
   */
  private async passOver(slots: Slot[], last: GlobalPosition): Promise<void> {
    if (slots.length === 0) return;
    let moved: [{ projection: string }[], number];
    try {
      // TypeORM answers an UPDATE with its rows and how many it changed.
      moved = await this.dataSource.query(MOVE_CHECKPOINTS_SQL, moveParameters(slots, last));
    } catch (error) {
      // Nothing of a projection's own failed here: the database did.
      throw new ReadModelsUnreachableError(`read models unreachable: ${messageOf(error)}`);
    }
    const names = new Set(moved[0].map((row) => row.projection));
    for (const slot of slots) {
      if (names.has(slot.projection.name)) slot.checkpoint = last;
      else this.lost(slot);
    }
  }

  /** Decodes (and decrypts) once for every projection; an event that cannot be decoded is kept as its error. */
  private async decode(events: Recorded[]): Promise<Map<GlobalPosition, DecodedEvent | Error>> {
    const decoded = new Map<GlobalPosition, DecodedEvent | Error>();
    try {
      const all = await this.codec.decodeAll(events);
      events.forEach((event, index) => decoded.set(event.globalPosition, all[index]));
    } catch {
      for (const event of events) {
        decoded.set(event.globalPosition, await this.codec.decode(event).catch((error: unknown) => asError(error)));
      }
    }
    return decoded;
  }

  private async applyTo(slot: Slot, events: Recorded[], decoded: Map<GlobalPosition, DecodedEvent | Error>) {
    try {
      await this.commit(slot, events, decoded);
    } catch (error) {
      if (error instanceof CheckpointMovedError) return this.lost(slot);
      await this.isolate(slot, events, decoded);
    }
  }

  /**
   * The batch failed: apply it again in pieces that each end at an event the projection handles,
   * each tried `applyAttempts` times, so the projection stops exactly at the event it cannot apply
   * (with everything before it committed). While the database does not answer, nobody stops.
   */
  private async isolate(slot: Slot, events: Recorded[], decoded: Map<GlobalPosition, DecodedEvent | Error>) {
    await this.ensureReadModelsReachable();
    let start = 0;
    for (let end = 0; end < events.length; end++) {
      if (end < events.length - 1 && !slot.projection.handles(events[end].type)) continue;
      const piece = events.slice(start, end + 1);
      start = end + 1;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.commit(slot, piece, decoded);
          break;
        } catch (error) {
          if (error instanceof CheckpointMovedError) return this.lost(slot);
          if (isTransient(error)) throw new ReadModelsUnreachableError(`read models unreachable: ${messageOf(error)}`);
          await this.ensureReadModelsReachable();
          if (attempt >= this.applyAttempts) return this.stopAt(slot, events[end], error);
          await this.wait(this.retryDelayMs * 2 ** (attempt - 1), this.abort.signal);
          if (this.abort.signal.aborted) return;
        }
      }
    }
  }

  private async commit(slot: Slot, events: Recorded[], decoded: Map<GlobalPosition, DecodedEvent | Error>) {
    const { projection } = slot;
    const handled = handledBy(projection, events, decoded);
    if (handled instanceof Error) throw handled;
    const last = events[events.length - 1].globalPosition;
    await this.dataSource.transaction(async (manager: EntityManager) => {
      if (handled.length > 0) await projection.apply(handled, manager);
      const [moved]: [unknown[], number] = await manager.query(MOVE_CHECKPOINTS_SQL, moveParameters([slot], last));
      if (moved.length !== 1) throw new CheckpointMovedError(`checkpoint of ${projection.name} moved elsewhere`);
    });
    slot.checkpoint = last;
    if (handled.length > 0) await projection.afterCommit?.(handled);
  }

  private lost(slot: Slot): void {
    this.options.log.info('projection checkpoint moved elsewhere; reading it again', {
      projection: slot.projection.name,
    });
    slot.stopped = true; // until the next claim reads its state again
    this.claimDue = true;
    this.wake();
  }

  private async stopAt(slot: Slot, event: Recorded, error: unknown): Promise<void> {
    const message = `${event.type} in ${event.streamName}@${event.revision.toString()}: ${messageOf(error)}`;
    slot.stopped = true;
    await this.dataSource.query(
      `UPDATE projection_checkpoints SET stopped_at = now(), stopped_position = $2, stopped_error = $3
       WHERE projection = $1`,
      [slot.projection.name, event.globalPosition.toString(), message],
    );
    this.options.log.error('projection stopped on an event it cannot apply; the others go on', {
      projection: slot.projection.name,
      position: event.globalPosition.toString(),
      error: message,
      resume: `npm run projections -- resume ${slot.projection.name}`,
    });
  }

  private async ensureReadModelsReachable(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ReadModelsUnreachableError(`read-model database unreachable: ${messageOf(error)}`);
    }
  }

  private async stoppedProjections(): Promise<StoppedProjection[]> {
    const rows: { projection: string; stopped_position: string; stopped_error: string }[] = await this.dataSource.query(
      `SELECT projection, stopped_position::text, stopped_error FROM projection_checkpoints
       WHERE projection = ANY($1) AND stopped_at IS NOT NULL ORDER BY projection`,
      [this.slots.map((slot) => slot.projection.name)],
    );
    return rows.map((row) => ({
      projection: row.projection,
      position: row.stopped_position,
      error: row.stopped_error,
    }));
  }

  private async connectLocks(): Promise<Client> {
    if (this.lockClient) return this.lockClient;
    const client = new Client({
      ...(this.options.lockConnection ?? clientConfigOf(this.dataSource)),
      application_name: 'nrm-projection-locks',
    });
    client.on('error', (error) => {
      // The server released every lock of this connection with it.
      this.options.log.error('projection lock connection lost', { error: error.message });
      if (this.lockClient === client) this.lockClient = null;
      for (const slot of this.slots) slot.owned = false;
      this.claimDue = true;
      this.wake();
    });
    client.on('notification', () => {
      this.claimDue = true;
      this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PROJECTIONS_CHANGED_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.lockClient = client;
    return client;
  }

  private async unlock(client: Client, projection: string): Promise<void> {
    await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockName(projection)]);
  }

  /** Closing the connection gives up every lock it holds. */
  private async releaseLocks(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = null;
    for (const slot of this.slots) slot.owned = false;
    await client?.end().catch(() => undefined);
  }
}

/**
 * Moves the checkpoints of projections ($1) from each one's expected position ($3) to $2, by
 * compare-and-set; answers those it moved. Each notification (delivered at commit) wakes the reads
 * waiting for that projection (?minPosition). The commit does not wait for the WAL flush (this
 * transaction only): a read model is derived data, and a crash that loses its last commits loses
 * their checkpoints with them, so those events are applied again from the store.
 */
const MOVE_CHECKPOINTS_SQL = `
UPDATE projection_checkpoints AS checkpoint SET position = $2, updated_at = now()
FROM unnest($1::text[], $3::bigint[]) AS moving (projection, expected)
WHERE checkpoint.projection = moving.projection AND checkpoint.stopped_at IS NULL
  AND checkpoint.position IS NOT DISTINCT FROM moving.expected
RETURNING checkpoint.projection, pg_notify('${CHECKPOINT_MOVED_CHANNEL}', checkpoint.projection),
  set_config('synchronous_commit', 'off', true)`;

function moveParameters(slots: Slot[], last: GlobalPosition): unknown[] {
  return [
    slots.map((slot) => slot.projection.name),
    last.toString(),
    slots.map((slot) => slot.checkpoint?.toString() ?? null),
  ];
}

/** The decoded events of the batch the projection handles, or the error of one that could not be decoded. */
function handledBy(
  projection: Projection,
  events: Recorded[],
  decoded: Map<GlobalPosition, DecodedEvent | Error>,
): DecodedEvent[] | Error {
  const handled: DecodedEvent[] = [];
  for (const event of events) {
    if (!projection.handles(event.type)) continue;
    const result = decoded.get(event.globalPosition)!;
    if (result instanceof Error) return result;
    handled.push(result);
  }
  return handled;
}

function lockName(projection: string): string {
  return `projection:${projection}`;
}

/** Running projections grouped by checkpoint; normally one group, so one read serves them all. */
function byCheckpoint(slots: Slot[]): Slot[][] {
  const groups = new Map<string, Slot[]>();
  for (const slot of slots) {
    const key = slot.checkpoint?.toString() ?? 'start';
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  return [...groups.values()];
}

/** What TypeORM throws at a statement of a transaction whose connection it released on its loss. */
const RELEASED_BY_A_LOST_CONNECTION = [QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError];

/**
 * A failure of the database rather than of the event: out of reach (isDatabaseUnavailable), a
 * serialization failure or deadlock (40001, 40P01), or a transaction whose connection was lost
 * between two statements (TypeORM then releases its query runner, and the next statement finds it
 * released: the crash harness stopped case-summaries so). Nobody stops on one of those.
 */
function isTransient(error: unknown): boolean {
  if (isDatabaseUnavailable(error) || RELEASED_BY_A_LOST_CONNECTION.some((released) => error instanceof released)) {
    return true;
  }
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  return [code, driverError?.code].some((sqlState) => sqlState === '40001' || sqlState === '40P01');
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function messageOf(error: unknown): string {
  return asError(error).message;
}
