import { randomUUID } from 'node:crypto';
import { ALL_ENTITIES, ALL_EVENT_TYPES, allProjections } from '@nrm/composition';
import { Environment, dataSourceOptions, personalDataProtectorFor } from '@nrm/platform';
import { type DecodedEvent, EventCodec, type GlobalPosition, PostgresEventStore, sleep } from '@nrm/event-store';
import {
  type Projection,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  projectionStates,
  resumeProjection,
  skipStoppedEvent,
} from '@nrm/projections';
import { Client, Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { policeOpenedCase } from './support/case-events';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { TEST_PERSONAL_DATA_MASTER_KEY } from './support/test-environment';

const silentLog = { info: () => undefined, error: () => undefined };
const POISON = 'Poison';

/**
 * A test-only read model: one row per case it has seen (a second apply of the same event would
 * break the primary key, and stop the projection). It cannot apply a person named POISON until fixed.
 */
class RecordingProjection implements Projection {
  readonly tables = ['test_projected'];
  constructor(
    readonly name: string,
    public fixed = false,
  ) {}
  handles(type: string): boolean {
    return type === 'CaseOpened';
  }
  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const data = event.data as { caseId: string; person: { familyName: string } };
      if (data.person.familyName === POISON && !this.fixed) throw new Error('cannot apply this person');
      await manager.query(`INSERT INTO test_projected (projection, case_id) VALUES ($1, $2)`, [this.name, data.caseId]);
    }
  }
}

/** A test-only projection of events this suite never appends: its read model never changes. */
class PassingProjection implements Projection {
  readonly tables = [];
  constructor(readonly name: string) {}
  handles(type: string): boolean {
    return type === 'ShelterRegistered';
  }
  async apply(): Promise<void> {
    throw new Error('never handed an event');
  }
}

/** The safety net's timer, fired by the test instead of by the wall clock. */
class ManualTimer {
  private pending: (() => void)[] = [];
  readonly wait = (_ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.pending.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  fire(): void {
    const due = this.pending;
    this.pending = [];
    for (const resolve of due) resolve();
  }
}

/** Polls until check holds; gives up well inside the test's timeout, so its finally blocks still run. */
async function eventually(check: () => Promise<boolean>, giveUpAfterMs = 20_000): Promise<void> {
  const giveUpAt = performance.now() + giveUpAfterMs;
  while (!(await check())) {
    if (performance.now() > giveUpAt) throw new Error(`still not so after ${giveUpAfterMs} ms: ${check.toString()}`);
    await sleep(10);
  }
}

describe('The shared projection reader', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;
  let store: PostgresEventStore;
  let codec: EventCodec;
  const runners: ProjectionRunner[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, ALL_ENTITIES)).initialize();
    await dataSource.query(
      `CREATE TABLE test_projected (projection text, case_id uuid, PRIMARY KEY (projection, case_id))`,
    );
    pool = new Pool({ connectionString: database.url, max: 8 });
    store = new PostgresEventStore(pool);
    const protector = personalDataProtectorFor({ PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY }, (sql, p) =>
      pool.query(sql, p).then((result) => result.rows),
    );
    codec = new EventCodec(ALL_EVENT_TYPES, protector);
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    // The last appends' notification is sent now, not into the next test's runner.
    await store.close();
    await dataSource.query(
      `TRUNCATE events, test_projected, projection_checkpoints, case_summaries, case_timeline_entries`,
    );
  });

  afterAll(async () => {
    await pool.end();
    await dataSource.destroy();
    await database.drop();
  });

  function runner(projections: Projection[], options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
    const started = new ProjectionRunner(dataSource, store, codec, projections, {
      log: silentLog,
      retryDelayMs: 5,
      ...options,
    });
    runners.push(started);
    started.start();
    return started;
  }

  async function openCases(familyNames: string[]): Promise<GlobalPosition> {
    let last = 0n;
    for (const familyName of familyNames) {
      const caseId = randomUUID();
      const opened = await codec.encode(
        policeOpenedCase({ caseId, caseNumber: `NRM-2026-${caseId.slice(0, 6)}`, familyName, age: 30 }),
        { actorId: 'officer-1', organisationId: 'police-baku', correlationId: 'c', occurredAt: '2026-11-21T10:00:00Z' },
      );
      last = (await store.appendToStream(`case-${caseId}`, [opened], 'no_stream')).lastGlobalPosition;
    }
    return last;
  }

  async function reached(projection: string, position: GlobalPosition): Promise<boolean> {
    const state = (await projectionStates((sql, p) => dataSource.query(sql, p))).find(
      (s) => s.projection === projection,
    );
    return state?.position != null && (await store.hasReached(BigInt(state.position), position));
  }

  /** The runner's watch has its LISTEN answered: from now on an append's notification reaches it. */
  async function listening(): Promise<boolean> {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
         AND application_name = 'nrm-events-watch' AND query LIKE 'LISTEN%' AND state = 'idle'`,
    );
    return rows.length === 1;
  }

  async function projectedBy(projection: string): Promise<number> {
    const rows: { n: string }[] = await dataSource.query(
      `SELECT count(*) AS n FROM test_projected WHERE projection = $1`,
      [projection],
    );
    return Number(rows[0].n);
  }

  async function listeningConnections(): Promise<number> {
    const rows: { n: string }[] = await dataSource.query(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name IN ('nrm-events-watch', 'nrm-projection-locks')`,
    );
    return Number(rows[0].n);
  }

  it('an event one projection cannot apply stops only that projection; /health data names it; resume goes on after a fix', async () => {
    const poisonable = new RecordingProjection('test-poisonable');
    runner([poisonable, new RecordingProjection('test-healthy', true), ...allProjections(new Environment())]);
    await openCases(['One', 'Two']);
    const poisoned = await openCases([POISON]);
    const last = await openCases(['Three', 'Four']);

    await eventually(() => reached('test-healthy', last));
    await eventually(() => reached('case-summaries', last));
    await eventually(async () => (await projectionStates((sql, p) => dataSource.query(sql, p))).some((s) => s.stopped));
    expect(await projectedBy('test-healthy')).toBe(5);
    const summaries: { n: string }[] = await dataSource.query(`SELECT count(*) AS n FROM case_summaries`);
    expect(Number(summaries[0].n)).toBe(5);

    const states = await projectionStates((sql, p) => dataSource.query(sql, p));
    const stopped = states.filter((state) => state.stopped).map((state) => state.stopped);
    expect(stopped).toEqual([
      expect.objectContaining({
        projection: 'test-poisonable',
        position: poisoned.toString(),
        error: expect.stringContaining('cannot apply this person'),
      }),
    ]);
    // Everything before the poisoned event was applied; nothing after it.
    expect(await projectedBy('test-poisonable')).toBe(2);

    poisonable.fixed = true;
    await resumeProjection((sql, p) => dataSource.query(sql, p), 'test-poisonable');
    await eventually(() => reached('test-poisonable', last));
    expect(await projectedBy('test-poisonable')).toBe(5);
    expect((await projectionStates((sql, p) => dataSource.query(sql, p))).every((state) => !state.stopped)).toBe(true);
  });

  /**
   * A projection whose first `failures` batches fail by `fail` (then it applies as usual), with two
   * attempts before a stop: it must pause, go on, and never stop.
   */
  async function expectPausedNeverStopped(
    name: string,
    failures: number,
    fail: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    const flaky = new RecordingProjection(name, true);
    const apply = flaky.apply.bind(flaky);
    flaky.apply = async (events, manager) => {
      if (failures-- > 0) await fail(manager);
      return apply(events, manager);
    };
    runner([flaky], { applyAttempts: 2 });
    const last = await openCases(['One']);
    await eventually(() => reached(name, last));
    expect(failures).toBeLessThan(0);
    expect(await projectedBy(name)).toBe(1);
    expect((await projectionStates((sql, p) => dataSource.query(sql, p))).every((state) => !state.stopped)).toBe(true);
  }

  it('a database failure (too many connections) pauses a projection but never stops it', () =>
    expectPausedNeverStopped('test-flaky', 5, async () => {
      throw Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
    }));

  it('a projection whose connection is lost mid-transaction (TypeORM then releases its query runner) pauses, never stops', () =>
    expectPausedNeverStopped('test-lost-connection', 3, async (manager) => {
      const [{ pid }]: { pid: number }[] = await manager.query('SELECT pg_backend_pid() AS pid');
      await dataSource.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
      await eventually(async () => manager.queryRunner!.isReleased);
    }));

  it('skip moves a stopped projection past its event and records why', async () => {
    runner([new RecordingProjection('test-poisonable')]);
    const poisoned = await openCases([POISON]);
    const last = await openCases(['After']);
    await eventually(async () =>
      (await projectionStates((sql, p) => dataSource.query(sql, p))).some(
        (state) => state.projection === 'test-poisonable' && state.stopped !== null,
      ),
    );

    await skipStoppedEvent((sql, p) => dataSource.query(sql, p), 'test-poisonable', 'fixture with a bad name', 'ops');
    await eventually(() => reached('test-poisonable', last));
    expect(await projectedBy('test-poisonable')).toBe(1);
    expect(
      await dataSource.query(
        `SELECT projection, global_position::text AS position, reason, skipped_by FROM projection_skipped_events`,
      ),
    ).toEqual([
      {
        projection: 'test-poisonable',
        position: poisoned.toString(),
        reason: 'fixture with a bad name',
        skipped_by: 'ops',
      },
    ]);
  });

  it('a rebuild reports the projection that cannot apply an event and completes the others', async () => {
    const poisoned = await openCases(['One', POISON]);
    const last = await openCases(['Two']);
    const rebuild = new ProjectionRunner(
      dataSource,
      store,
      codec,
      [
        new RecordingProjection('test-poisonable'),
        new RecordingProjection('test-healthy', true),
        ...allProjections(new Environment()),
      ],
      { log: silentLog, retryDelayMs: 5 },
    );
    await rebuild.resetAll();
    const stopped = await rebuild.catchUp();

    expect(stopped).toEqual([
      { projection: 'test-poisonable', position: poisoned.toString(), error: expect.stringContaining('cannot apply') },
    ]);
    expect(await reached('test-healthy', last)).toBe(true);
    expect(await reached('case-summaries', last)).toBe(true);
    expect(await projectedBy('test-healthy')).toBe(3);
    // Caught up already: a second catch-up finds nothing to do and returns, with the same report.
    expect(await rebuild.catchUp()).toEqual(stopped);
  });

  it('two workers project every event exactly once, each projection in one of them', async () => {
    const first = [new RecordingProjection('test-a'), new RecordingProjection('test-b')];
    const second = [new RecordingProjection('test-a'), new RecordingProjection('test-b')];
    const timers = [new ManualTimer(), new ManualTimer()];
    runner(first, { wait: timers[0].wait });
    runner(second, { wait: timers[1].wait });
    const names = Array.from({ length: 40 }, (_, i) => `Person ${i}`);
    const halves = await Promise.all([openCases(names.slice(0, 20)), openCases(names.slice(20))]);
    const last = halves[0] > halves[1] ? halves[0] : halves[1];
    await eventually(async () => {
      timers.forEach((timer) => timer.fire());
      return (await reached('test-a', last)) && (await reached('test-b', last));
    });
    expect(await projectedBy('test-a')).toBe(40);
    expect(await projectedBy('test-b')).toBe(40);
    expect((await projectionStates((sql, p) => dataSource.query(sql, p))).every((state) => !state.stopped)).toBe(true);
  });

  it('while an older transaction hides an announced event, the reader asks again at most gatherMs apart', async () => {
    const gatherMs = 10;
    const safetyNet = new ManualTimer();
    const waits: number[] = [];
    // The safety net waits for the test; every shorter wait (gathering, reading again) is recorded and ends at once.
    const wait = (ms: number, signal: AbortSignal) => {
      if (ms >= 2_000) return safetyNet.wait(ms, signal);
      waits.push(ms);
      return new Promise<void>((resolve) => setImmediate(resolve));
    };
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      runner([new RecordingProjection('test-hidden')], { wait, gatherMs, safetyNetMs: 2_000 });
      // Only an announced event is read again while hidden: a notification sent before the LISTEN
      // would leave the runner to the safety net, which waits for the test.
      await eventually(listening);
      const last = await openCases(['Person 1']);
      // Announced, read again and again while hidden, then given up until something wakes it.
      await eventually(async () => waits.length >= 8);
      expect(await reached('test-hidden', last)).toBe(false);
      await blocker.query('COMMIT');
      await eventually(async () => {
        safetyNet.fire();
        return reached('test-hidden', last);
      });
      expect(await projectedBy('test-hidden')).toBe(1);
      expect(Math.max(...waits)).toBeLessThanOrEqual(gatherMs);
    } finally {
      await blocker.end();
    }
  });

  it('an idle runner issues at most two statements per safety-net period', async () => {
    const timer = new ManualTimer();
    let idle = 0;
    runner(allProjections(new Environment()), { wait: timer.wait, onIdle: () => idle++ });
    await eventually(async () => idle > 0 && (await projectionStates((sql, p) => dataSource.query(sql, p))).length > 0);
    // The store's watch wakes the runner once its LISTEN is answered, which may come after the first
    // idle: wait for that answer, then for one period, so only the steady state is counted.
    await eventually(listening);
    const settled = idle;
    timer.fire();
    await eventually(async () => idle > settled);
    const statements = jest.spyOn(Client.prototype, 'query');
    try {
      const periods = 20;
      for (let i = 0; i < periods; i++) {
        const before = idle;
        timer.fire();
        await eventually(async () => idle > before);
      }
      // At least the safety-net read of each period (so the count does see the runner's statements).
      expect(statements.mock.calls.length).toBeGreaterThanOrEqual(periods);
      expect(statements.mock.calls.length).toBeLessThanOrEqual(2 * periods);
    } finally {
      statements.mockRestore();
    }
  });

  it('a batch goes to every projection in one transaction, whose last statement moves all their checkpoints', async () => {
    const names = ['test-handling', 'test-pass-a', 'test-pass-b'];
    const statements = jest.spyOn(Client.prototype, 'query');
    try {
      runner([new RecordingProjection(names[0]), ...names.slice(1).map((name) => new PassingProjection(name))]);
      const last = await openCases(['Person 1', 'Person 2', 'Person 3']);
      await eventually(async () => {
        for (const name of names) if (!(await reached(name, last))) return false;
        return true;
      });
      expect(await projectedBy('test-handling')).toBe(3);
      const sent = statements.mock.calls.map(([config, values]) => ({
        text: typeof config === 'string' ? config : (config as { text: string }).text,
        values: (values ?? (config as { values?: unknown[] }).values ?? []) as unknown[],
      }));
      const moves = sent.filter(({ text }) => /UPDATE projection_checkpoints\b.*SET position/s.test(text));
      expect(moves.length).toBeGreaterThan(0);
      for (const { values } of moves) expect([...(values[0] as string[])].sort()).toEqual(names);
      expect(sent.filter(({ text }) => text === 'START TRANSACTION')).toHaveLength(moves.length);
    } finally {
      statements.mockRestore();
    }
  });

  it('after failed batches, the runner keeps one subscription, and none once stopped', async () => {
    const poisonable = new RecordingProjection('test-poisonable');
    const started = runner([poisonable], { applyAttempts: 5 });
    await openCases([POISON]);
    await eventually(async () => (await projectionStates((sql, p) => dataSource.query(sql, p)))[0]?.stopped != null);
    await resumeProjection((sql, p) => dataSource.query(sql, p), 'test-poisonable');
    await eventually(async () => (await projectionStates((sql, p) => dataSource.query(sql, p)))[0]?.stopped != null);
    expect(await listeningConnections()).toBe(2); // the store's wake-up, and the lock connection

    await started.stop();
    await eventually(async () => (await listeningConnections()) === 0);
    expect(await listeningConnections()).toBe(0);
  });
});
