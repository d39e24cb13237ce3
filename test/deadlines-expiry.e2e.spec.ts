import { DEADLINE_QUEUE, DeadlineJobs } from '@nrm/deadlines';
import { FixedClock } from '@nrm/shared-kernel';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { deleteKeys, fireStep, queueSettled, waitFor } from './support/deadlines';
import { useTestApp } from './support/test-app';
import { redisUrl, withClient } from './support/test-environment';
import { competentAuthority, officersAndCoordinator } from './support/tokens';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

interface Notification {
  id: string;
  kind: string;
  step: string;
  deadlineId: string;
  caseId: string;
  createdAt: string;
  readAt: string | null;
}

/**
 * The check: a reflection period recorded late falls due, its escalation reaches a
 * coordinator's inbox and ReflectionPeriodExpired reaches the timeline at the due time; after Redis
 * lost every job, another one still expires on time; nothing fires twice. The app runs on a test
 * clock that the test moves to the due time: no waiting for it.
 */
describe('Reflection periods expire on time, by themselves (deadlines through HTTP)', () => {
  const clock = new FixedClock(new Date());

  const t = useTestApp({
    env: { DEADLINE_RECONCILE_INTERVAL_MS: '1000' },
    clock,
    users: {
      ...officersAndCoordinator(),
      authority: competentAuthority('ca-officer-1'),
    },
  });
  const { tokens } = t;

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  /** A case with a reflection period recorded as started `30 days − leadMs` ago (by the clock): due in `leadMs`. */
  async function backdatedPeriod(leadMs: number) {
    const opened = await request(t.http)
      .post('/cases')
      .set('Authorization', `Bearer ${tokens.officer}`)
      .send(validCase());
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    const startedAt = new Date(clock.now().getTime() - 30 * DAY_MS + leadMs);
    const started = await request(t.http)
      .post(`/cases/${caseId}/reflection-period`)
      .set('Authorization', `Bearer ${tokens.authority}`)
      .send({ startedAt: startedAt.toISOString(), days: 30 });
    expect(started.status).toBe(200);
    const periodId: string = started.body.periodId;
    return {
      caseId,
      periodId,
      deadlineId: `reflection-period.${caseId}.${periodId}`,
      dueAt: new Date(startedAt.getTime() + 30 * DAY_MS),
      position: started.body.position as string,
    };
  }

  /** Every Redis key of this app (FLUSHALL, for this test's prefix only). */
  async function deleteQueueKeys(): Promise<void> {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    try {
      await deleteKeys(redis, process.env.REDIS_KEY_PREFIX!);
    } finally {
      await redis.quit();
    }
  }

  /** Two reconciler rounds run now (not waited for), and every job they planned has run. */
  async function reconcilerRoundsDone(...deadlineIds: string[]): Promise<void> {
    const jobs = t.app.get(DeadlineJobs);
    await jobs.reconcile();
    await jobs.reconcile();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(DEADLINE_QUEUE, { connection: redis, prefix: process.env.REDIS_KEY_PREFIX! });
    try {
      for (const deadlineId of deadlineIds) await queueSettled(queue, deadlineId);
    } finally {
      await queue.close();
      await redis.quit();
    }
  }

  async function inbox(token: string, query = ''): Promise<Notification[]> {
    const response = await get(`/notifications?pageSize=100${query}`, token);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const escalationsOf = async (deadlineId: string) =>
    (await inbox(tokens.coordinator)).filter((n) => n.deadlineId === deadlineId && n.kind === 'escalation');

  async function timelineEvents(caseId: string): Promise<{ event: string; at: string; by: { userId: string } }[]> {
    const response = await get(`/cases/${caseId}/timeline`, tokens.authority);
    expect(response.status).toBe(200);
    return response.body.entries;
  }

  async function expiredEventsIn(caseId: string): Promise<number> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM events WHERE stream_name = $1 AND event_type = 'ReflectionPeriodExpired'`,
        [`case-${caseId}`],
      );
      return Number(rows[0].n);
    } finally {
      await client.end();
    }
  }

  /**
   * Nothing before the due time; the clock moved to it, the reconciler looks: the escalation, and the
   * expiry by the system, both at the due time.
   */
  async function expectExpiredOnTime(period: Awaited<ReturnType<typeof backdatedPeriod>>) {
    await reconcilerRoundsDone(period.deadlineId);
    expect(await escalationsOf(period.deadlineId)).toEqual([]);
    clock.set(period.dueAt);
    await t.app.get(DeadlineJobs).reconcile();
    const [escalation] = await waitFor(async () => {
      const found = await escalationsOf(period.deadlineId);
      return found.length > 0 && found;
    }, 20_000);
    expect(escalation).toMatchObject({
      caseId: period.caseId,
      step: 'due',
      readAt: null,
      createdAt: period.dueAt.toISOString(),
    });

    const expired = await waitFor(async () => {
      const entries = await timelineEvents(period.caseId);
      return entries.find((entry) => entry.event === 'ReflectionPeriodExpired');
    }, 20_000);
    expect(expired).toMatchObject({ at: period.dueAt.toISOString(), by: { userId: 'system' } });
    return escalation;
  }

  let first: Awaited<ReturnType<typeof backdatedPeriod>>;
  let firstEscalation: Notification;

  it('a period started 30 days minus an hour ago is listed as due, escalates to coordinators and expires by itself', async () => {
    first = await backdatedPeriod(HOUR_MS);

    const board = await get(`/deadlines?kind=reflection-period&minPosition=${first.position}`, tokens.coordinator);
    expect(board.status).toBe(200);
    const listed = board.body.items.find((item: { deadlineId: string }) => item.deadlineId === first.deadlineId);
    expect(listed).toMatchObject({ caseId: first.caseId, status: 'open', dueAt: first.dueAt.toISOString() });

    firstEscalation = await expectExpiredOnTime(first);
    // The deadline board shows it expired, escalated.
    const after = await get(`/deadlines?kind=reflection-period&status=all`, tokens.coordinator);
    expect(after.body.items.find((item: { deadlineId: string }) => item.deadlineId === first.deadlineId)).toMatchObject(
      { status: 'expired' },
    );
  }, 30_000);

  it("the coordinator's inbox: unread filter, mark read (idempotent); nobody else may see or read it", async () => {
    expect((await inbox(tokens.coordinator, '&unread=true')).map((n) => n.id)).toContain(firstEscalation.id);
    // The escalation is for coordinators, not the officers' organisations.
    expect((await inbox(tokens.otherOfficer)).map((n) => n.id)).not.toContain(firstEscalation.id);
    expect((await inbox(tokens.authority)).map((n) => n.id)).not.toContain(firstEscalation.id);
    const refused = await request(t.http)
      .post(`/notifications/${firstEscalation.id}/read`)
      .set('Authorization', `Bearer ${tokens.otherOfficer}`);
    expect(refused.status).toBe(404);

    const read = await request(t.http)
      .post(`/notifications/${firstEscalation.id}/read`)
      .set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: firstEscalation.id, readBy: 'coordinator-1' });
    const again = await request(t.http)
      .post(`/notifications/${firstEscalation.id}/read`)
      .set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await inbox(tokens.coordinator, '&unread=true')).map((n) => n.id)).not.toContain(firstEscalation.id);

    const unknown = await request(t.http)
      .post(`/notifications/6f1d8a52-31a1-4c0e-9e8b-0d6f5a4b2c11/read`)
      .set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(unknown.status).toBe(404);
  });

  it('after Redis lost every job (FLUSHALL of this prefix), another backdated period still expires on time; nothing fires twice', async () => {
    await deleteQueueKeys();

    const second = await backdatedPeriod(HOUR_MS);
    await expectExpiredOnTime(second);

    // A few reconciler rounds later: one escalation per deadline, one expiry per period.
    await reconcilerRoundsDone(first.deadlineId, second.deadlineId);
    expect(await escalationsOf(first.deadlineId)).toHaveLength(1);
    expect(await escalationsOf(second.deadlineId)).toHaveLength(1);
    expect(await expiredEventsIn(first.caseId)).toBe(1);
    expect(await expiredEventsIn(second.caseId)).toBe(1);
  }, 30_000);

  it('a process that died between the escalation and the expiry, and a Redis that lost the job: the expiry is still appended, once', async () => {
    const period = await backdatedPeriod(HOUR_MS);
    await get(`/deadlines?kind=reflection-period&minPosition=${period.position}`, tokens.coordinator);
    // What the job leaves behind when the process dies right after its transaction: 'due' fired,
    // escalated, no ReflectionPeriodExpired yet; and Redis has lost every job.
    await withClient(t.database.url, async (client) => {
      const { rowCount } = await client.query(
        `UPDATE deadlines SET due_at = $2::timestamptz - interval '1 second' WHERE deadline_id = $1 AND status = 'open'`,
        [period.deadlineId, clock.now()],
      );
      expect(rowCount).toBe(1);
      await fireStep(client, period.deadlineId, 1, 'due', clock.now());
    });
    await deleteQueueKeys();

    // The reconciler plans the 'due' job again; it appends only the expiry.
    await t.app.get(DeadlineJobs).reconcile();
    await waitFor(async () => (await expiredEventsIn(period.caseId)) > 0, 10_000);
    await reconcilerRoundsDone(period.deadlineId);
    expect(await expiredEventsIn(period.caseId)).toBe(1);
    expect(await escalationsOf(period.deadlineId)).toHaveLength(0);
    const board = await waitFor(async () => {
      const response = await get(`/deadlines?kind=reflection-period&status=all`, tokens.coordinator);
      const item = response.body.items.find((i: { deadlineId: string }) => i.deadlineId === period.deadlineId);
      return item?.status === 'expired' && item;
    }, 10_000);
    expect(board).toMatchObject({ caseId: period.caseId, status: 'expired' });
  }, 40_000);
});
