import { CommandPipeline } from '@nrm/platform';
import { DEADLINE_QUEUE, DeadlineJobs } from '@nrm/deadlines';
import { Environment } from '@nrm/platform';
import { FixedClock } from '@nrm/shared-kernel';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { deadlineRow, deleteKeys, HOUR_MS, insertDeadline, notificationsOf } from './support/deadlines';
import { testRedisPrefix } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';
import { redisUrl } from './support/test-environment';

/**
 * The deadline jobs read time only from the injected clock (issue 10): planning (each job's delay),
 * the escalation's time and the notifications' time. A test clock set anywhere moves them all; no
 * waiting. The jobs here use a queue prefix no worker reads, so what they plan stays to be looked at.
 */
describe('Deadline jobs on a test clock', () => {
  let t: TestApp;
  let jobs: DeadlineJobs;
  let redis: Redis;
  let queue: Queue;
  const prefix = testRedisPrefix();
  const clock = new FixedClock(new Date('2031-03-10T19:00:00.000Z'));

  beforeAll(async () => {
    t = await startTestApp();
    const env = Object.assign(Object.create(Environment.prototype) as Environment, t.app.get(Environment), {
      REDIS_KEY_PREFIX: prefix,
    });
    jobs = new DeadlineJobs(env, t.app.get(DataSource), t.app.get(CommandPipeline), clock);
    jobs.onModuleInit();
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(DEADLINE_QUEUE, { connection: redis, prefix });
  });
  afterAll(async () => {
    await jobs.onApplicationShutdown();
    await queue.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await t.close();
  });

  it("plans by the clock: 19 h into a 24 h hand-over, its 3/4 reminder is due at once and 'due' in 5 h", async () => {
    const startedAt = new Date('2031-03-10T00:00:00.000Z');
    const deadlineId = await insertDeadline(t.database.url, {
      startedAt,
      dueAt: new Date(startedAt.getTime() + 24 * HOUR_MS),
    });
    await jobs.scheduleFor([deadlineId]);
    const planned = (await queue.getJobs(['wait', 'delayed', 'prioritized']))
      .filter((job) => job.data.deadlineId === deadlineId)
      .map((job) => [job.data.step, job.delay])
      .sort();
    expect(planned).toEqual([
      ['due', 5 * HOUR_MS],
      ['remind-75pct', 0],
    ]);
  });

  it('the escalation and its notification carry the clock time', async () => {
    const deadlineId = await insertDeadline(t.database.url, { dueAt: new Date('2031-03-10T12:00:00.000Z') });
    clock.advance(HOUR_MS);
    expect(await jobs.handle({ deadlineId, version: 1, step: 'due' })).toBe('fired');
    expect(await deadlineRow(t.database.url, deadlineId)).toMatchObject({
      fired_steps: ['due'],
      escalated_at: new Date('2031-03-10T20:00:00.000Z'),
    });
    expect(await notificationsOf(t.database.url, deadlineId)).toEqual([
      expect.objectContaining({ step: 'due', created_at: new Date('2031-03-10T20:00:00.000Z') }),
    ]);
  });
});
