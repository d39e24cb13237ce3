import { DEADLINE_QUEUE, DeadlineJobs, type NotificationPage, type NotificationView } from '@nrm/deadlines';
import { FixedClock } from '@nrm/shared-kernel';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { queueSettled, waitFor } from './support/deadlines';
import { startTestApp, type TestApp } from './support/test-app';
import { redisUrl } from './support/test-environment';
import { competentAuthority, coordinator, responder, signToken, type TokenClaims } from './support/tokens';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Notification = NotificationView;
type Inbox = NotificationPage;
interface BoardItem {
  deadlineId: string;
  kind: string;
  caseId: string;
  status: string;
  dueAt: string;
  closedAt: string | null;
  metAt: string | null;
  late: boolean;
  closedReason: string | null;
  escalatedAt: string | null;
}

const secondCoordinator = (): TokenClaims => ({ ...coordinator(), sub: 'coordinator-2', name: 'Deputy Coordinator' });

/**
 * Deadlines and the inbox as people read them (issue 11, items 5 and 6), through HTTP and the real
 * worker (BullMQ jobs on Redis), with the default DEADLINE_REMINDER_HOURS (72,24).
 */
describe('Reminders, per-person reading, late hand-overs and consent (deadlines through HTTP)', () => {
  let t: TestApp;
  let redis: Redis;
  let queue: Queue;
  let officer: string;
  let otherOfficer: string;
  let authority: string;
  let coordinatorOne: string;
  let coordinatorTwo: string;
  let lastPosition = '0';
  // The app's time: set to now, moved on by the test (no test waits for a time to come).
  const clock = new FixedClock(new Date());
  const now = () => clock.now().getTime();

  beforeAll(async () => {
    delete process.env.DEADLINE_REMINDER_HOURS; // the defaults, as shipped
    t = await startTestApp({}, { clock });
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(DEADLINE_QUEUE, { connection: redis, prefix: process.env.REDIS_KEY_PREFIX! });
    officer = await signToken(responder('police-baku', 'officer-inbox'));
    otherOfficer = await signToken(responder('police-ganja', 'officer-ganja'));
    authority = await signToken(competentAuthority('ca-officer-inbox'));
    coordinatorOne = await signToken(coordinator());
    coordinatorTwo = await signToken(secondCoordinator());
  });
  afterAll(async () => {
    await queue.close();
    await redis.quit();
    await t.close();
  });

  async function command(token: string, path: string, body: object = {}) {
    const response = await request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
    expect([path, response.status]).toEqual([path, expect.any(Number)]);
    expect([200, 201]).toContain(response.status);
    lastPosition = response.body.position;
    return response.body;
  }

  async function openCase(identifiedAt: Date, overrides: object = {}): Promise<string> {
    const body = validCase();
    const opened = await command(officer, '/cases', {
      ...body,
      identification: { ...body.identification, identifiedAt: identifiedAt.toISOString() },
      ...overrides,
    });
    return opened.caseId;
  }

  async function inbox(token: string, query = ''): Promise<Inbox> {
    const response = await request(t.http)
      .get(`/notifications?pageSize=100${query}`)
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return response.body;
  }
  const notificationsAbout = async (token: string, deadlineId: string, kind?: string) =>
    (await inbox(token)).items.filter((n) => n.deadlineId === deadlineId && (!kind || n.kind === kind));

  async function board(query: Record<string, string | boolean>): Promise<BoardItem[]> {
    const response = await request(t.http)
      .get('/deadlines')
      .query({ minPosition: lastPosition, pageSize: 100, ...query })
      .set('Authorization', `Bearer ${coordinatorOne}`);
    expect(response.status).toBe(200);
    return response.body.items;
  }
  const deadlineOf = async (deadlineId: string) =>
    (await board({ status: 'all' })).find((item) => item.deadlineId === deadlineId);

  const settled = (deadlineId: string, version: number) => queueSettled(queue, deadlineId, version);

  describe('every deadline reminds before it falls due (item 5)', () => {
    it('a 24-hour hand-over gets a reminder with the default 72,24: at 3/4 of it, to the responsible organisation', async () => {
      // Identified 17 h ago: its reminder (at 18 h) falls in an hour, its due time in 7 h.
      const identifiedAt = new Date(now() - 17 * HOUR);
      const caseId = await openCase(identifiedAt);
      const deadlineId = `hand-over.${caseId}`;
      await settled(deadlineId, 1);
      expect(await notificationsAbout(officer, deadlineId)).toEqual([]);
      clock.advance(HOUR);
      await t.app.get(DeadlineJobs).reconcile();
      const [reminder] = await waitFor(async () => {
        const found = await notificationsAbout(officer, deadlineId, 'reminder');
        return found.length > 0 && found;
      }, 20_000);
      expect(reminder).toMatchObject({ caseId, step: 'remind-75pct', read: false });
      expect(reminder.message).toContain(new Date(identifiedAt.getTime() + 24 * HOUR).toISOString());
      expect(reminder.createdAt).toBe(new Date(identifiedAt.getTime() + 18 * HOUR).toISOString());
      expect(await notificationsAbout(coordinatorOne, deadlineId, 'escalation')).toEqual([]);
      await settled(deadlineId, 1);
      expect(await notificationsAbout(officer, deadlineId)).toHaveLength(1);
    }, 30_000);

    it('a hand-over recorded after its reminder time is reminded once, at once; one recorded overdue escalates once', async () => {
      const lateEntry = await openCase(new Date(now() - 20 * HOUR));
      const reminders = await waitFor(async () => {
        const found = await notificationsAbout(officer, `hand-over.${lateEntry}`, 'reminder');
        return found.length > 0 && found;
      }, 20_000);
      expect(reminders.map((n) => n.step)).toEqual(['remind-75pct']);

      const overdue = await openCase(new Date(now() - 30 * HOUR));
      const escalations = await waitFor(async () => {
        const found = await notificationsAbout(coordinatorOne, `hand-over.${overdue}`, 'escalation');
        return found.length > 0 && found;
      }, 20_000);
      await settled(`hand-over.${lateEntry}`, 1);
      expect(escalations).toHaveLength(1);
      expect(await notificationsAbout(officer, `hand-over.${overdue}`, 'reminder')).toEqual([]);
    }, 40_000);

    it('extensions do not bunch reminders: one catch-up reminder, then none for three quick extensions', async () => {
      const caseId = await openCase(new Date(now() - 31 * DAY));
      await board({}); // the case summary is there: the period's owner is known
      // A 30-day period with 10 h left when recorded: its 72 h and 24 h reminder times have passed.
      const started = await command(authority, `/cases/${caseId}/reflection-period`, {
        startedAt: new Date(now() - 30 * DAY + 10 * HOUR).toISOString(),
        days: 30,
      });
      const deadlineId = `reflection-period.${caseId}.${started.periodId}`;
      const [catchUp] = await waitFor(async () => {
        const found = await notificationsAbout(officer, deadlineId, 'reminder');
        return found.length > 0 && found;
      }, 20_000);
      expect(catchUp).toMatchObject({ step: 'remind-24h', deadlineVersion: 1 });
      await settled(deadlineId, 1);

      for (const version of [2, 3, 4]) {
        await command(authority, `/cases/${caseId}/reflection-period/extension`, { days: 1, reason: 'Treatment' });
        await board({});
        await settled(deadlineId, version);
      }
      expect((await deadlineOf(deadlineId))?.dueAt).toBe(
        new Date(Date.parse(catchUp.message.match(/at (\S+)\.$/)![1]) + 3 * DAY).toISOString(),
      );
      expect((await notificationsAbout(officer, deadlineId)).map((n) => [n.step, n.deadlineVersion])).toEqual([
        ['remind-24h', 1],
      ]);
    }, 60_000);
  });

  describe('the inbox and the board as people read them (item 6)', () => {
    let overdueCase: string;
    let escalation: Notification;

    it('two coordinators: one reads an escalation, the other still sees it unread', async () => {
      overdueCase = await openCase(new Date(now() - 26 * HOUR));
      [escalation] = await waitFor(async () => {
        const found = await notificationsAbout(coordinatorOne, `hand-over.${overdueCase}`, 'escalation');
        return found.length > 0 && found;
      }, 20_000);
      const before = await inbox(coordinatorTwo);
      expect(before.unread).toBeGreaterThan(0);

      const read = await request(t.http)
        .post(`/notifications/${escalation.id}/read`)
        .set('Authorization', `Bearer ${coordinatorOne}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: escalation.id, read: true, readBy: 'coordinator-1' });

      const first = await inbox(coordinatorOne);
      const second = await inbox(coordinatorTwo);
      expect(first.items.find((n) => n.id === escalation.id)).toMatchObject({ read: true, readBy: 'coordinator-1' });
      expect(second.items.find((n) => n.id === escalation.id)).toMatchObject({
        read: false,
        readAt: null,
        readBy: null,
      });
      expect(second.unread).toBe(before.unread);
      expect(first.unread).toBe(second.unread - 1);
      expect((await inbox(coordinatorTwo, '&unread=true')).items.map((n) => n.id)).toContain(escalation.id);
      expect((await inbox(coordinatorOne, '&unread=true')).items.map((n) => n.id)).not.toContain(escalation.id);
    }, 30_000);

    it('a missed hand-over referred late is reported late; one referred on time is not', async () => {
      const onTimeCase = await openCase(new Date(now() - HOUR));
      for (const caseId of [overdueCase, onTimeCase]) {
        await command(officer, `/cases/${caseId}/referral`, { competentAuthorityOrgId: 'mia-anti-trafficking' });
      }
      const late = await deadlineOf(`hand-over.${overdueCase}`);
      const onTime = await deadlineOf(`hand-over.${onTimeCase}`);
      expect(late).toMatchObject({ status: 'met', late: true, metAt: late!.closedAt, escalatedAt: expect.any(String) });
      expect(Date.parse(late!.metAt!)).toBeGreaterThan(Date.parse(late!.dueAt));
      expect(onTime).toMatchObject({ status: 'met', late: false, metAt: onTime!.closedAt, escalatedAt: null });

      const lateOnes = (await board({ kind: 'hand-over', late: true })).map((item) => item.deadlineId);
      const onTimeOnes = (await board({ kind: 'hand-over', late: false })).map((item) => item.deadlineId);
      expect(lateOnes).toContain(`hand-over.${overdueCase}`);
      expect(lateOnes).not.toContain(`hand-over.${onTimeCase}`);
      expect(onTimeOnes).toContain(`hand-over.${onTimeCase}`);
      expect(onTimeOnes).not.toContain(`hand-over.${overdueCase}`);
      // Both are met: the status filter counts them alike.
      const met = (await board({ kind: 'hand-over', status: 'met' })).map((item) => item.deadlineId);
      expect(met).toEqual(expect.arrayContaining([`hand-over.${overdueCase}`, `hand-over.${onTimeCase}`]));
    });

    it('consent withdrawn before the referral: the hand-over is cancelled and does not escalate; consent again starts a new one', async () => {
      // Due in an hour: without the cancellation it would escalate then.
      const caseId = await openCase(new Date(now() - 23 * HOUR));
      const deadlineId = `hand-over.${caseId}`;
      await command(officer, `/cases/${caseId}/consent`, { consentToReferral: false });
      expect(await deadlineOf(deadlineId)).toMatchObject({ status: 'cancelled', closedReason: 'consent-withdrawn' });
      // Its catch-up reminder (18 h in, already past at opening) may be running right now: let it end.
      await queueSettled(queue, deadlineId);
      // Nothing of it is planned any more, and its due step, were it still in Redis, does nothing.
      const pending = (await queue.getJobs(['wait', 'active', 'delayed', 'prioritized'])).filter(
        (job) => job.data.deadlineId === deadlineId && job.data.step !== 'due',
      );
      expect(pending).toEqual([]);
      clock.advance(HOUR);
      expect(await t.app.get(DeadlineJobs).handle({ deadlineId, version: 1, step: 'due' })).toBe('skipped');
      await t.app.get(DeadlineJobs).reconcile();
      expect(await queue.getJob(`${deadlineId}.v1.remind-75pct`)).toBeUndefined();
      expect(await notificationsAbout(coordinatorOne, deadlineId)).toEqual([]);

      const given = await command(officer, `/cases/${caseId}/consent`, { consentToReferral: true });
      const renewed = (await board({ kind: 'hand-over' })).filter((item) => item.caseId === caseId);
      expect(renewed).toHaveLength(1);
      expect(renewed[0]).toMatchObject({ deadlineId: `hand-over.${caseId}.consent-${given.position}`, status: 'open' });
      expect(Date.parse(renewed[0].dueAt) - now()).toBeGreaterThan(23 * HOUR);
      // The referral meets it.
      await command(officer, `/cases/${caseId}/referral`, { competentAuthorityOrgId: 'mia-anti-trafficking' });
      expect(await deadlineOf(renewed[0].deadlineId)).toMatchObject({ status: 'met', late: false });
    }, 30_000);

    it('consent withdrawn after the referral: coordinators and the competent authority are told; nobody else', async () => {
      const caseId = await openCase(new Date(now() - HOUR));
      await command(officer, `/cases/${caseId}/referral`, { competentAuthorityOrgId: 'mia-anti-trafficking' });
      await command(officer, `/cases/${caseId}/consent`, { consentToReferral: false });
      await board({});
      const about = async (token: string) =>
        (await inbox(token)).items.filter((n) => n.caseId === caseId && n.kind === 'consent-withdrawn');
      for (const token of [coordinatorOne, coordinatorTwo, authority]) {
        const [notice] = await about(token);
        expect(notice).toMatchObject({ caseId, deadlineId: `status-decision.${caseId}`, read: false });
        expect(notice.message).toMatch(/withdrawn/);
      }
      expect(await about(otherOfficer)).toEqual([]);
      expect(await about(officer)).toEqual([]);
      // The status decision keeps its deadline.
      expect(await deadlineOf(`status-decision.${caseId}`)).toMatchObject({ status: 'open' });
    });

    it("a child's consent withdrawn: the child is referred without consent, so the deadlines stay", async () => {
      const body = validCase();
      const caseId = await openCase(new Date(now() - HOUR), {
        person: { ...body.person, dateOfBirth: '2013-02-01' },
      });
      await command(officer, `/cases/${caseId}/consent`, { consentToReferral: false });
      const open = (await board({})).filter((item) => item.caseId === caseId).map((item) => item.kind);
      expect(open.sort()).toEqual(['child-protection-notice', 'hand-over']);
    });
  });
});
