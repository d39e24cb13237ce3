import { randomUUID } from 'node:crypto';
import type { Decider } from '@nrm/shared-kernel';
import { IdentifiedCommand, runAsIdentifiedCommand } from '../command-identity';
import { EventCodec } from '../event-codec';
import { handleCommand } from '../handle-command';
import { type ChainLink, verifyChain } from '../integrity/hash-chain';
import { PlaintextPersonalDataProtector } from '../personal-data';
import {
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

/** The business time of the contract's events: any fixed time (stores keep it, never judge it). */
const CONTRACT_TIME = new Date('2026-11-21T10:00:00.000Z');

/**
 * The behaviour every EventStore adapter must show. Each adapter's spec calls this with a harness
 * that opens a store (shared by all tests of the suite: every test uses streams of its own).
 */
export interface EventStoreContractHarness {
  store: EventStore;
  /** Kills the store's server connections (if the adapter's test can), to test resubscription. */
  dropConnections?: () => Promise<void>;
  close: () => Promise<void>;
}

export function newTestEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'ContractTestHappened',
    schemaVersion: 1,
    data: { value: Math.random(), nested: { list: [1, 'two', null], flag: true } },
    metadata: {
      actorId: 'user-1',
      actorName: 'User One',
      organisationId: 'org-1',
      organisationType: 'police',
      correlationId: randomUUID(),
      occurredAt: CONTRACT_TIME.toISOString(),
    },
    ...overrides,
  };
}

export function newStreamName(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

/** A background subscription that gathers the events matching `filter` until stopped. */
export interface Collector {
  readonly events: RecordedEvent[];
  /** Resolves when `count` events were gathered or after `timeoutMs`, whichever first (never rejects). */
  waitFor(count: number, timeoutMs?: number): Promise<RecordedEvent[]>;
  /** Aborts the subscription; resolves true when the iterator ended within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<boolean>;
  /** The error the iteration failed with, if any. */
  readonly error: unknown;
}

export function startCollecting(
  store: EventStore,
  after: GlobalPosition | null,
  filter: (event: RecordedEvent) => boolean,
): Collector {
  const controller = new AbortController();
  const events: RecordedEvent[] = [];
  let error: unknown;
  const loop = (async () => {
    try {
      for await (const event of store.subscribeToAll({ after, signal: controller.signal })) {
        if (filter(event)) events.push(event);
      }
    } catch (failure) {
      error = failure;
    }
  })();
  return {
    events,
    get error() {
      return error;
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      while (events.length < count && performance.now() < deadline && error === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return [...events];
    },
    async stop(timeoutMs = 5_000) {
      controller.abort();
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        loop.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      return ended;
    },
  };
}

/** Reads $all after `after` (page by page, bounded) and keeps the events of the given streams. */
export async function readAllOf(
  store: EventStore,
  after: GlobalPosition | null,
  streams: readonly string[],
  maxPages = 20,
): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  let checkpoint = after;
  for (let page = 0; page < maxPages; page++) {
    const batch = await store.readAll({ after: checkpoint, maxCount: 1_000 });
    found.push(...batch.filter((event) => streams.includes(event.streamName)));
    if (batch.length < 1_000) break;
    checkpoint = batch[batch.length - 1].globalPosition;
  }
  return found;
}

/**
 * readAllOf, asked again until `count` events are there (at most `timeoutMs`). Events become
 * readable only once every older transaction that may append has ended (the PostgreSQL store
 * bounds reads by the snapshot's xmin, leaving out other databases' transactions it can place),
 * so a read right after an append may come too early.
 */
export async function readAllOfOnceVisible(
  store: EventStore,
  after: GlobalPosition | null,
  streams: readonly string[],
  count: number,
  timeoutMs = 20_000,
): Promise<RecordedEvent[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = await readAllOf(store, after, streams, 1_000);
    if (found.length >= count || performance.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function expectStrictlyIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i] > positions[i - 1]).toBe(true);
}

async function expectWrongRevision(
  attempt: Promise<unknown>,
  streamName: string,
  actual: bigint | null,
): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect((error as WrongExpectedRevisionError).streamName).toBe(streamName);
  expect((error as WrongExpectedRevisionError).actual).toBe(actual);
}

export function eventStoreContract(name: string, harness: () => Promise<EventStoreContractHarness>): void {
  describe(`EventStore contract: ${name}`, () => {
    let h: EventStoreContractHarness;
    let store: EventStore;

    beforeAll(async () => {
      h = await harness();
      store = h.store;
    });

    afterAll(async () => {
      await h?.close();
    });

    /** A position before anything the calling test appends (a marker event of its own). */
    async function checkpointNow(): Promise<GlobalPosition> {
      const result = await store.appendToStream(newStreamName('marker'), [newTestEvent()], 'no_stream');
      return result.lastGlobalPosition;
    }

    it('appends to a new stream and reads it back', async () => {
      const stream = newStreamName();
      const events = [
        newTestEvent({ type: 'First', schemaVersion: 1 }),
        newTestEvent({ type: 'Second', schemaVersion: 2, data: { text: 'ü ✓ "quoted"', n: 42 } }),
        newTestEvent({ type: 'Third', schemaVersion: 3, data: {} }),
      ];
      const result = await store.appendToStream(stream, events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(2n);

      const read = await store.readStream(stream);
      expect(read.currentRevision).toBe(2n);
      expect(read.events).toHaveLength(3);
      read.events.forEach((recorded, index) => {
        const written = events[index];
        expect(recorded.streamName).toBe(stream);
        expect(recorded.revision).toBe(BigInt(index));
        expect(recorded.id).toBe(written.id);
        expect(recorded.type).toBe(written.type);
        expect(recorded.schemaVersion).toBe(written.schemaVersion);
        expect(recorded.data).toEqual(written.data);
        expect(recorded.metadata).toEqual(written.metadata);
        expect(typeof recorded.globalPosition).toBe('bigint');
        expect(recorded.recordedAt).toBeInstanceOf(Date);
      });
      expect(read.events[2].globalPosition).toBe(result.lastGlobalPosition);
      expectStrictlyIncreasing(read.events.map((e) => e.globalPosition));

      const more = await store.appendToStream(stream, [newTestEvent({ type: 'Fourth' })], 2n);
      expect(more.nextExpectedRevision).toBe(3n);
      expect(more.lastGlobalPosition > result.lastGlobalPosition).toBe(true);
      const again = await store.readStream(stream);
      expect(again.currentRevision).toBe(3n);
      expect(again.events.map((e) => e.type)).toEqual(['First', 'Second', 'Third', 'Fourth']);
    });

    it('reading a stream that does not exist gives no revision and no events', async () => {
      const read = await store.readStream(newStreamName('missing'));
      expect(read).toEqual({ currentRevision: null, events: [] });
    });

    it('refuses a stale expected revision and appends nothing', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'no_stream');
      await expectWrongRevision(store.appendToStream(stream, [newTestEvent(), newTestEvent()], 0n), stream, 1n);
      await expectWrongRevision(store.appendToStream(stream, [newTestEvent()], 5n), stream, 1n);
      const read = await store.readStream(stream);
      expect(read.currentRevision).toBe(1n);
      expect(read.events).toHaveLength(2);
    });

    it("refuses 'no_stream' on an existing stream and 'stream_exists' on a missing one", async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, [newTestEvent()], 'no_stream');
      await expectWrongRevision(store.appendToStream(stream, [newTestEvent()], 'no_stream'), stream, 0n);
      expect((await store.readStream(stream)).events).toHaveLength(1);

      const missing = newStreamName('missing');
      await expectWrongRevision(store.appendToStream(missing, [newTestEvent()], 'stream_exists'), missing, null);
      await expectWrongRevision(store.appendToStream(missing, [newTestEvent()], 0n), missing, null);
      expect(await store.readStream(missing)).toEqual({ currentRevision: null, events: [] });

      const exists = await store.appendToStream(stream, [newTestEvent()], 'stream_exists');
      expect(exists.nextExpectedRevision).toBe(1n);
      const any = await store.appendToStream(stream, [newTestEvent()], 'any');
      expect(any.nextExpectedRevision).toBe(2n);
      const anyNew = await store.appendToStream(newStreamName(), [newTestEvent()], 'any');
      expect(anyNew.nextExpectedRevision).toBe(0n);
    });

    it('lets exactly one of two concurrent appends with the same expected revision win', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, [newTestEvent()], 'no_stream');
      const a = newTestEvent({ type: 'A' });
      const b = newTestEvent({ type: 'B' });
      const results = await Promise.allSettled([
        store.appendToStream(stream, [a], 0n),
        store.appendToStream(stream, [b], 0n),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((rejected[0].reason as WrongExpectedRevisionError).actual).toBe(1n);

      const read = await store.readStream(stream);
      expect(read.currentRevision).toBe(1n);
      const winner = results[0].status === 'fulfilled' ? a : b;
      expect(read.events[1].id).toBe(winner.id);
    });

    it('an append repeated with the same event ids and expectation is a no-op that answers as the first did', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, [newTestEvent()], 'no_stream');
      const batch = [newTestEvent(), newTestEvent()];
      const first = await store.appendToStream(stream, batch, 0n);
      expect(
        await store.appendToStream(
          stream,
          batch.map((event) => ({ ...event })),
          0n,
        ),
      ).toEqual(first);
      const read = await store.readStream(stream);
      expect(read.currentRevision).toBe(2n);
      expect(read.events.slice(1).map((e) => e.id)).toEqual(batch.map((e) => e.id));

      const opened = newStreamName();
      const opening = [newTestEvent()];
      const created = await store.appendToStream(opened, opening, 'no_stream');
      expect(await store.appendToStream(opened, opening, 'no_stream')).toEqual(created);
      expect((await store.readStream(opened)).events).toHaveLength(1);

      // Other events under the old expectation are still a conflict.
      await expectWrongRevision(store.appendToStream(stream, [newTestEvent()], 0n), stream, 2n);
    });

    it('a command retried under the same Idempotency-Key finds its events by their ids and appends nothing', async () => {
      // What a retry does after a process died between its append and its answer.
      const stream = newStreamName('identified');
      const counter: Decider<number, { type: 'Count' }, { type: 'ContractTestHappened'; data: { n: number } }> = {
        initialState: () => 0,
        evolve: (n) => n + 1,
        decide: (_command, n) => [
          { type: 'ContractTestHappened', data: { n } },
          { type: 'ContractTestHappened', data: { n: n + 1 } },
        ],
      };
      const codec = new EventCodec(
        { ContractTestHappened: { schemaVersion: 1, personalFields: [] } },
        new PlaintextPersonalDataProtector(),
      );
      const options = {
        actor: { userId: 'user-1', name: 'User One', organisationId: 'org-1', organisationType: 'police', roles: [] },
        correlationId: randomUUID(),
        now: CONTRACT_TIME,
        newStream: true,
      } as unknown as Parameters<typeof handleCommand>[5];
      const identity = new IdentifiedCommand('user-1', `key-${randomUUID()}`);
      // newStream: decided without reading, so the store recognises the repeated append;
      // otherwise handleCommand finds the events in the stream it read.
      const attempt = (newStream: boolean) =>
        runAsIdentifiedCommand(identity, () =>
          handleCommand(store, codec, counter, stream, { type: 'Count' }, { ...options, newStream }),
        );

      const first = await attempt(true);
      for (const retried of [await attempt(true), await attempt(false)]) {
        expect(retried.revision).toBe(first.revision);
        expect(retried.lastGlobalPosition).toBe(first.lastGlobalPosition);
        expect(retried.events).toEqual(first.events);
      }
      const read = await store.readStream(stream);
      expect(read.events.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);

      // The ids derive from the identity: the same for every attempt, and others for another key.
      const other = await runAsIdentifiedCommand(new IdentifiedCommand('user-1', `key-${randomUUID()}`), () =>
        handleCommand(store, codec, counter, stream, { type: 'Count' }, { ...options, newStream: false }),
      );
      expect(other.revision).toBe(3n);
      const ids = (await store.readStream(stream)).events.map((e) => e.id);
      expect(new Set(ids).size).toBe(4);
    });

    it('keeps the order of a stream across appends', async () => {
      const stream = newStreamName();
      const written: NewEvent[] = [];
      let expected: bigint | 'no_stream' = 'no_stream';
      for (let i = 0; i < 5; i++) {
        const batch = [newTestEvent({ data: { i, part: 0 } }), newTestEvent({ data: { i, part: 1 } })];
        written.push(...batch);
        expected = (await store.appendToStream(stream, batch, expected)).nextExpectedRevision;
      }
      expect(expected).toBe(9n);
      const read = await store.readStream(stream);
      expect(read.events.map((e) => e.id)).toEqual(written.map((e) => e.id));
      expect(read.events.map((e) => e.revision)).toEqual(written.map((_, i) => BigInt(i)));
      expectStrictlyIncreasing(read.events.map((e) => e.globalPosition));
    });

    it('reads all streams in append order; `after` is exclusive', async () => {
      const start = await checkpointNow();
      const [s1, s2, s3] = [newStreamName(), newStreamName(), newStreamName()];
      const appended: { stream: string; event: NewEvent }[] = [];
      const append = async (stream: string, events: NewEvent[], expected: bigint | 'no_stream') => {
        await store.appendToStream(stream, events, expected);
        appended.push(...events.map((event) => ({ stream, event })));
      };
      await append(s1, [newTestEvent(), newTestEvent()], 'no_stream');
      await append(s2, [newTestEvent()], 'no_stream');
      await append(s1, [newTestEvent()], 1n);
      await append(s3, [newTestEvent(), newTestEvent(), newTestEvent()], 'no_stream');
      await append(s2, [newTestEvent()], 0n);

      const all = await readAllOfOnceVisible(store, start, [s1, s2, s3], appended.length);
      expect(all.map((e) => e.id)).toEqual(appended.map((a) => a.event.id));
      expect(all.map((e) => e.streamName)).toEqual(appended.map((a) => a.stream));
      expectStrictlyIncreasing(all.map((e) => e.globalPosition));
      expect(all[0].globalPosition > start).toBe(true);

      // Exclusive `after`: from the position of the 3rd event, the 4th comes first.
      const fromThird = await readAllOfOnceVisible(store, all[2].globalPosition, [s1, s2, s3], all.length - 3);
      expect(fromThird.map((e) => e.id)).toEqual(all.slice(3).map((e) => e.id));

      // maxCount bounds the page.
      const page = await store.readAll({ after: start, maxCount: 2 });
      expect(page).toHaveLength(2);
      expect(page.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));

      // Reading from the very start includes them too, in the same order.
      const fromStart = await readAllOfOnceVisible(store, null, [s1, s2, s3], all.length);
      expect(fromStart.map((e) => e.id)).toEqual(all.map((e) => e.id));
    });

    it('catches up from a checkpoint, goes live, and stops when aborted', async () => {
      const stream = newStreamName();
      const first = [newTestEvent(), newTestEvent(), newTestEvent(), newTestEvent()];
      await store.appendToStream(stream, first, 'no_stream');
      const recorded = (await store.readStream(stream)).events;

      const collector = startCollecting(store, recorded[1].globalPosition, (e) => e.streamName === stream);
      try {
        const caughtUp = await collector.waitFor(2);
        expect(caughtUp.map((e) => e.id)).toEqual([first[2].id, first[3].id]);

        const live = [newTestEvent(), newTestEvent()];
        await store.appendToStream(stream, [live[0]], 3n);
        await store.appendToStream(stream, [live[1]], 4n);
        const all = await collector.waitFor(4);
        expect(all.map((e) => e.id)).toEqual([first[2].id, first[3].id, live[0].id, live[1].id]);
        expect(all.map((e) => e.revision)).toEqual([2n, 3n, 4n, 5n]);
        expectStrictlyIncreasing(all.map((e) => e.globalPosition));
        expect(collector.error).toBeUndefined();
      } finally {
        expect(await collector.stop()).toBe(true);
      }
      // Nothing arrives once stopped.
      const countAtStop = collector.events.length;
      await store.appendToStream(stream, [newTestEvent()], 'any');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(collector.events).toHaveLength(countAtStop);
    });

    it('delivers every event exactly once from the very start (checkpoint null)', async () => {
      const stream = newStreamName();
      const events = [newTestEvent(), newTestEvent()];
      await store.appendToStream(stream, events, 'no_stream');
      const collector = startCollecting(store, null, (e) => e.streamName === stream);
      try {
        await collector.waitFor(2);
        // Then a while longer: a third delivery would be a duplicate.
        const got = await collector.waitFor(3, 1_500);
        expect(got.map((e) => e.id)).toEqual(events.map((e) => e.id));
      } finally {
        expect(await collector.stop()).toBe(true);
      }
    });

    it('tells whether a checkpoint has reached a position', async () => {
      const stream = newStreamName();
      await store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'no_stream');
      await store.appendToStream(newStreamName(), [newTestEvent()], 'no_stream');
      await store.appendToStream(stream, [newTestEvent()], 1n);
      const [e0, e1, e2] = (await store.readStream(stream)).events.map((e) => e.globalPosition);

      expect(await store.hasReached(null, e0)).toBe(false);
      expect(await store.hasReached(e0, e0)).toBe(true);
      expect(await store.hasReached(e1, e0)).toBe(true);
      expect(await store.hasReached(e2, e0)).toBe(true);
      expect(await store.hasReached(e0, e1)).toBe(false);
      expect(await store.hasReached(e1, e2)).toBe(false);
    });

    it('announces appends to a watcher (the head position included) and closes it when aborted', async () => {
      const controller = new AbortController();
      const announced: (GlobalPosition | null)[] = [];
      let listening!: () => void;
      const connected = new Promise<void>((resolve) => (listening = resolve));
      const watching = store.watchAppends((position) => {
        announced.push(position);
        if (position === null) listening();
      }, controller.signal);
      await connected;
      const appended = await store.appendToStream(newStreamName(), [newTestEvent(), newTestEvent()], 'no_stream');
      while (!announced.some((position) => position !== null && position >= appended.lastGlobalPosition)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await store.headPosition()).not.toBeNull();
      expect((await store.headPosition())! >= appended.lastGlobalPosition).toBe(true);
      controller.abort();
      await expect(watching).resolves.toBeUndefined();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('chains every event to its predecessor across appends and expectations; the chain verifies', async () => {
      const stream = newStreamName('chained');
      await store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'no_stream');
      await store.appendToStream(stream, [newTestEvent()], 1n);
      await store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'any');
      await store.appendToStream(stream, [newTestEvent()], 'stream_exists');

      const links = await store.readChain(stream);
      expect(links.map((link) => link.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      expect(links[0].previousHash).toBeNull();
      links.slice(1).forEach((link, index) => expect(link.previousHash).toBe(links[index].hash));
      expect(new Set(links.map((link) => link.hash)).size).toBe(6);
      expect(verifyChain(stream, links)).toEqual({ streamName: stream, revision: 5n, ok: true });
      // The chain is the store's business: readers see the events as they were appended.
      expect((await store.readStream(stream)).events[1].metadata).not.toHaveProperty('previousHash');
    });

    it('appends racing with a loose expectation leave one unbroken chain (a loser may be refused)', async () => {
      const stream = newStreamName('chained');
      await store.appendToStream(stream, [newTestEvent()], 'no_stream');
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'any')),
      );
      for (const result of results)
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(WrongExpectedRevisionError);
      const appended = results.filter((result) => result.status === 'fulfilled').length;
      expect(appended).toBeGreaterThan(0);
      const links = await store.readChain(stream);
      expect(links).toHaveLength(1 + 2 * appended);
      expect(verifyChain(stream, links).ok).toBe(true);
    });

    it('reads every chain of the store and every stream head', async () => {
      const first = newStreamName('chained');
      const second = newStreamName('chained');
      await store.appendToStream(first, [newTestEvent(), newTestEvent()], 'no_stream');
      await store.appendToStream(second, [newTestEvent()], 'no_stream');

      const chains = new Map<string, ChainLink[]>();
      for await (const links of store.readChains()) chains.set(links[0].streamName, links);
      expect(chains.get(first)).toEqual(await store.readChain(first));
      expect(chains.get(second)).toEqual(await store.readChain(second));
      expect([...chains.values()].every((links) => verifyChain(links[0].streamName, links).ok)).toBe(true);

      const heads = await store.readChainHeads();
      expect(heads.find((head) => head.streamName === first)).toEqual((await store.readChain(first))[1]);
      expect(heads.find((head) => head.streamName === second)?.revision).toBe(0n);
      expect(await store.readChain(newStreamName('missing'))).toEqual([]);
    });

    it('resubscribes after dropped connections: later events arrive exactly once, in order', async () => {
      if (!h.dropConnections) {
        // eslint-disable-next-line no-console
        console.warn(`SKIPPED (${name}): resubscription test needs a harness with dropConnections`);
        return;
      }
      const stream = newStreamName();
      const before = [newTestEvent(), newTestEvent()];
      const start = await checkpointNow();
      await store.appendToStream(stream, before, 'no_stream');

      const collector = startCollecting(store, start, (e) => e.streamName === stream);
      try {
        expect((await collector.waitFor(2)).map((e) => e.id)).toEqual(before.map((e) => e.id));

        await h.dropConnections();

        const after = [newTestEvent(), newTestEvent(), newTestEvent()];
        await store.appendToStream(stream, [after[0]], 1n);
        await store.appendToStream(stream, [after[1], after[2]], 2n);

        const all = await collector.waitFor(5, 10_000);
        expect(all.map((e) => e.id)).toEqual([...before, ...after].map((e) => e.id));
        // No duplicate shows up a little later.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(collector.events.map((e) => e.id)).toEqual([...before, ...after].map((e) => e.id));
        expect(collector.error).toBeUndefined();
      } finally {
        expect(await collector.stop()).toBe(true);
      }
    });
  });
}
