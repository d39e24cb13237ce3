import { type ChildProcess, spawn } from 'node:child_process';
import { sleep } from '@nrm/event-store';
import { DEADLINE_QUEUE, DeadlineJobs, jobIdOf, parseReminderHours, plannedSteps } from '@nrm/deadlines';
import { FixedClock } from '@nrm/shared-kernel';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase, testRedisPrefix } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';
import { redisUrl, TEST_PERSONAL_DATA_MASTER_KEY } from './support/test-environment';
import { TEST_JWT_SECRET } from './support/tokens';

import {
  deadlineRow,
  deleteKeys,
  HOUR_MS,
  insertDeadline,
  notificationsOf,
  queueSettled,
  waitFor,
} from './support/deadlines';

describe('Deadline steps (pure)', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  const deadline = (
    dueInMs: number,
    startedAgoMs = 30 * 24 * HOUR_MS,
    firedSteps: string[] = [],
    awaitsExpiryEvent = false,
  ) => ({
    deadlineId: 'reflection-period.8e2b6c4e-1d1b-4c51-9a53-3f0c3e0e3c11.p-1',
    version: 3,
    startedAt: new Date(now - startedAgoMs),
    dueAt: new Date(now + dueInMs),
    firedSteps,
    lastRemindedAt: null,
    awaitsExpiryEvent,
  });

  it('plans a reminder per offset and the due step; job ids are deterministic, without ":"', () => {
    const steps = plannedSteps(deadline(100 * HOUR_MS), [72, 24], now);
    expect(steps.map((s) => s.step)).toEqual(['remind-72h', 'remind-24h', 'due']);
    expect(steps[0].at).toBe(now + 28 * HOUR_MS);
    const id = jobIdOf({ deadlineId: deadline(0).deadlineId, version: 3, step: 'remind-72h' });
    expect(id).toBe('reflection-period.8e2b6c4e-1d1b-4c51-9a53-3f0c3e0e3c11.p-1.v3.remind-72h');
    expect(id).not.toContain(':');
  });

  it('a deadline already past goes straight to due; fired steps are never planned again', () => {
    expect(plannedSteps(deadline(-HOUR_MS), [72, 24], now)).toEqual([{ step: 'due', at: now - HOUR_MS }]);
    expect(plannedSteps(deadline(-HOUR_MS, undefined, ['due']), [72, 24], now)).toEqual([]);
    expect(plannedSteps(deadline(100 * HOUR_MS, undefined, ['remind-72h']), [72, 24], now).map((s) => s.step)).toEqual([
      'remind-24h',
      'due',
    ]);
  });

  it('reminders whose time passed: only the latest, once; none that would fall before the start', () => {
    expect(plannedSteps(deadline(10 * HOUR_MS), [72, 24], now).map((s) => s.step)).toEqual(['remind-24h', 'due']);
    expect(plannedSteps(deadline(10 * HOUR_MS, undefined, ['remind-24h']), [72, 24], now).map((s) => s.step)).toEqual([
      'due',
    ]);
    // A 24 h deadline started now: neither "72 h before" nor "24 h before" lies after its start, so it
    // is reminded once at 3/4 of its length instead (issue 11, item 5: it used to get no reminder).
    expect(plannedSteps(deadline(24 * HOUR_MS, 0), [72, 24], now)).toEqual([
      { step: 'remind-75pct', at: now + 18 * HOUR_MS },
      { step: 'due', at: now + 24 * HOUR_MS },
    ]);
    expect(parseReminderHours('24,72,24')).toEqual([72, 24]);
  });

  it("an expiry whose 'due' fired but whose event is not recorded yet is planned again, at once", () => {
    expect(plannedSteps(deadline(-HOUR_MS, undefined, ['due'], true), [72, 24], now)).toEqual([
      { step: 'due', at: now },
    ]);
    expect(plannedSteps(deadline(-HOUR_MS, undefined, ['due'], false), [72, 24], now)).toEqual([]);
  });
});

describe('Deadline scheduler against Redis and PostgreSQL', () => {
  let t: TestApp;
  let jobs: DeadlineJobs;
  let redis: Redis;
  let queue: Queue;
  const prefix = () => process.env.REDIS_KEY_PREFIX!;
  // The app's time: set to now, moved on by the test (no test waits for a time to come).
  const clock = new FixedClock(new Date());
  const now = () => clock.now().getTime();

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_RECONCILE_INTERVAL_MS: '1000' }, { clock });
    jobs = t.app.get(DeadlineJobs);
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(DEADLINE_QUEUE, { connection: redis, prefix: prefix() });
  });
  afterAll(async () => {
    await queue.close();
    await deleteKeys(redis, prefix());
    await redis.quit();
    await t.close();
  });

  it('schedules delayed jobs with deterministic ids (no ":"), once however often asked', async () => {
    const dueAt = new Date(now() + 100 * HOUR_MS);
    const deadlineId = await insertDeadline(t.database.url, { dueAt });
    await jobs.scheduleFor([deadlineId]);
    await jobs.scheduleFor([deadlineId]);
    await jobs.reconcile();
    const delayed = (await queue.getDelayed()).filter((job) => job.data.deadlineId === deadlineId);
    expect(delayed.map((job) => job.id).sort()).toEqual(
      [`${deadlineId}.v1.due`, `${deadlineId}.v1.remind-24h`, `${deadlineId}.v1.remind-72h`].sort(),
    );
    for (const job of delayed) expect(job.id).not.toContain(':');
    const due = delayed.find((job) => job.data.step === 'due')!;
    expect(due.delay).toBe(dueAt.getTime() - now());
    expect(due.opts).toMatchObject({ removeOnComplete: true, attempts: 5 });
  });

  it('a step handled twice, even at the same moment, has one effect', async () => {
    const deadlineId = await insertDeadline(t.database.url, { dueAt: new Date(now() + HOUR_MS * 1000) });
    const step = { deadlineId, version: 1, step: 'due' };
    const outcomes = await Promise.all([jobs.handle(step), jobs.handle(step)]);
    expect(outcomes.sort()).toEqual(['fired', 'skipped']);
    expect(await jobs.handle(step)).toBe('skipped');
    const notifications = await notificationsOf(t.database.url, deadlineId);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      kind: 'escalation',
      recipient_role: 'coordinator',
      recipient_organisation_id: null,
    });
    // A missed hand-over stays open (overdue, escalated) until the referral comes.
    expect(await deadlineRow(t.database.url, deadlineId)).toMatchObject({
      status: 'open',
      fired_steps: ['due'],
      escalated_at: expect.any(Date),
    });
  });

  it('a reminder goes to the responsible organisation, once, and leaves the deadline open', async () => {
    const deadlineId = await insertDeadline(t.database.url, {
      dueAt: new Date(now() + 1000 * HOUR_MS),
      organisation: 'ngo-clean-world',
    });
    const step = { deadlineId, version: 1, step: 'remind-24h' };
    expect(await jobs.handle(step)).toBe('fired');
    expect(await jobs.handle(step)).toBe('skipped');
    expect(await notificationsOf(t.database.url, deadlineId)).toEqual([
      expect.objectContaining({ kind: 'reminder', recipient_organisation_id: 'ngo-clean-world', recipient_role: null }),
    ]);
    expect(await deadlineRow(t.database.url, deadlineId)).toMatchObject({
      status: 'open',
      fired_steps: ['remind-24h'],
    });
  });

  it('a job for an older version (the deadline moved) or a closed deadline does nothing', async () => {
    // Started an hour ago, so that no reminder of version 2 is due yet: the reconciler (every second
    // here) has nothing to send for it while this test runs, however slowly.
    const moved = await insertDeadline(t.database.url, {
      startedAt: new Date(now() - HOUR_MS),
      dueAt: new Date(now() + HOUR_MS),
      version: 2,
    });
    expect(await jobs.handle({ deadlineId: moved, version: 1, step: 'due' })).toBe('skipped');
    expect(await jobs.handle({ deadlineId: moved, version: 1, step: 'remind-24h' })).toBe('skipped');
    for (const status of ['met', 'cancelled', 'expired']) {
      const closed = await insertDeadline(t.database.url, { dueAt: new Date(now() - HOUR_MS), status });
      expect(await jobs.handle({ deadlineId: closed, version: 1, step: 'due' })).toBe('skipped');
      expect(await notificationsOf(t.database.url, closed)).toEqual([]);
    }
    expect(await notificationsOf(t.database.url, moved)).toEqual([]);
    expect(await jobs.handle({ deadlineId: 'hand-over.unknown', version: 1, step: 'due' })).toBe('skipped');
  });

  it('a deadline already past when scheduled falls due at once, through the queue', async () => {
    const deadlineId = await insertDeadline(t.database.url, { dueAt: new Date(now() - 5 * HOUR_MS) });
    await jobs.scheduleFor([deadlineId]);
    const [escalation] = await waitFor(async () => {
      const rows = await notificationsOf(t.database.url, deadlineId);
      return rows.length > 0 && rows;
    }, 5000);
    expect(escalation).toMatchObject({ kind: 'escalation', step: 'due' });
    // No reminders for a deadline that starts overdue: a reconciler round plans none, nothing is left to run.
    await jobs.reconcile();
    await queueSettled(queue, deadlineId);
    expect(await notificationsOf(t.database.url, deadlineId)).toHaveLength(1);
  });

  it('after every key of the queue is deleted (FLUSHALL), the reconciler re-creates the jobs and they fire when the clock reaches them', async () => {
    const dueAt = new Date(now() + HOUR_MS);
    const deadlineId = await insertDeadline(t.database.url, { dueAt });
    await jobs.scheduleFor([deadlineId]);
    expect(await queue.getJob(`${deadlineId}.v1.due`)).toBeDefined();
    expect(await deleteKeys(redis, prefix())).toBeGreaterThan(0);

    await jobs.reconcile();
    expect(await queue.getJobState(`${deadlineId}.v1.due`)).toBe('delayed');
    clock.set(dueAt);
    await jobs.reconcile();
    const escalation = await waitFor(async () => {
      const rows = await notificationsOf(t.database.url, deadlineId);
      return rows.find((row) => row.step === 'due');
    }, 10_000);
    expect(escalation).toMatchObject({ kind: 'escalation', created_at: dueAt });
    // Later reconciler rounds re-create nothing: every step has fired, once. (Its 24 h reminder was
    // past when the deadline was scheduled: it went out at once, the 72 h one not at all.)
    await jobs.reconcile();
    await jobs.reconcile();
    await queueSettled(queue, deadlineId);
    expect((await notificationsOf(t.database.url, deadlineId)).map((row) => row.step).sort()).toEqual([
      'due',
      'remind-24h',
    ]);
    expect(await queue.getJob(`${deadlineId}.v1.due`)).toBeUndefined();
  });
});

const WORKER_START_MS = 120_000;

describe('Deadline worker shutdown and crash (a worker process of its own)', () => {
  let database: TestDatabase;
  let worker: ChildProcess | undefined;
  const prefix = testRedisPrefix();
  let redis: Redis;
  let queue: Queue;

  function startWorker(): ChildProcess {
    return spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          REDIS_KEY_PREFIX: prefix,
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
          PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY,
          EVENT_STORE: 'postgres',
          LOG_LEVEL: 'warn',
          DEADLINE_JOB_LOCK_MS: '1500',
          DEADLINE_STALLED_INTERVAL_MS: '1000',
        },
        stdio: 'ignore',
      },
    );
  }

  function exitOf(process: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => process.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /**
   * Holds the deadline's row locked, starts a worker and waits until it has taken the deadline's
   * due job (it then waits on the lock inside the job), runs `meanwhile`, then releases the row.
   */
  async function withJobActive(deadlineId: string, meanwhile: () => Promise<void>): Promise<void> {
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM deadlines WHERE deadline_id = $1 FOR UPDATE', [deadlineId]);
      worker = startWorker();
      // The reconciler at start schedules the job; the worker takes it and waits on the row. (A worker
      // process compiles the app at start: on a busy machine that alone may take half a minute.)
      await waitFor(async () => (await queue.getJobState(`${deadlineId}.v1.due`)) === 'active', WORKER_START_MS);
      await meanwhile();
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(DEADLINE_QUEUE, { connection: redis, prefix });
  });
  afterEach(async () => {
    if (!worker) return;
    const exited = exitOf(worker);
    worker.kill('SIGKILL');
    await exited;
    worker = undefined;
  });
  afterAll(async () => {
    await queue.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await database.drop();
  });

  it(
    'a worker killed while a job is processing: after a restart the job is processed once (stalled-job recovery)',
    async () => {
      const deadlineId = await insertDeadline(database.url, { dueAt: new Date(Date.now() - 1000) });
      const jobId = `${deadlineId}.v1.due`;
      await withJobActive(deadlineId, async () => {
        const exited = exitOf(worker!);
        worker!.kill('SIGKILL');
        await exited;
        worker = undefined;
        expect(await queue.getJobState(jobId)).toBe('active');
      });
      expect(await notificationsOf(database.url, deadlineId)).toEqual([]);

      worker = startWorker();
      await waitFor(async () => (await notificationsOf(database.url, deadlineId)).length > 0, WORKER_START_MS);
      await waitFor(async () => (await queue.getJobState(jobId)) === 'unknown', 5000);
      await queueSettled(queue, deadlineId);
      expect(await notificationsOf(database.url, deadlineId)).toHaveLength(1);
      expect(await deadlineRow(database.url, deadlineId)).toMatchObject({
        status: 'open',
        fired_steps: ['due'],
        escalated_at: expect.any(Date),
      });
    },
    3 * WORKER_START_MS,
  );

  it(
    'a worker asked to stop (SIGTERM) while a job is processing finishes the job first, then exits',
    async () => {
      const deadlineId = await insertDeadline(database.url, { dueAt: new Date(Date.now() - 1000) });
      const jobId = `${deadlineId}.v1.due`;
      let exited!: ReturnType<typeof exitOf>;
      let stillRunningAfterSigterm = false;
      await withJobActive(deadlineId, async () => {
        exited = exitOf(worker!);
        worker!.kill('SIGTERM');
        // Shutting down, the worker takes no new job and waits for the active one, which waits on the lock.
        await sleep(1500);
        stillRunningAfterSigterm = worker!.exitCode === null && worker!.signalCode === null;
        expect(await notificationsOf(database.url, deadlineId)).toEqual([]);
      });
      expect(stillRunningAfterSigterm).toBe(true);
      // The lock is released: the job completes, then the process ends (Nest re-raises the signal).
      const { code, signal } = await exited;
      worker = undefined;
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(await notificationsOf(database.url, deadlineId)).toHaveLength(1);
      expect(await deadlineRow(database.url, deadlineId)).toMatchObject({ fired_steps: ['due'] });
      // Completed and removed, not handed back: no other worker will run it again.
      expect(await queue.getJobState(jobId)).toBe('unknown');
    },
    3 * WORKER_START_MS,
  );
});
