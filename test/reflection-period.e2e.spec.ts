import type { Response } from 'supertest';
import { countEvents } from './support/events';
import { asBearer, openCaseAs, readCaseAs, readTimelineAs } from './support/requests';
import { useTestApp } from './support/test-app';
import { analyst, competentAuthority, responder } from './support/tokens';
import { expectRefusedWithNothingAppended } from './support/refusals';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The configured default length, different from the built-in 30 to show it is read from configuration. */
const CONFIGURED_DAYS = 45;

describe('Reflection period through HTTP', () => {
  const t = useTestApp({
    env: { REFLECTION_PERIOD_DAYS: String(CONFIGURED_DAYS) },
    users: {
      officer: responder('police-baku', 'officer-rp'),
      authority: competentAuthority('ca-officer-1'),
      otherOfficer: responder('police-ganja', 'officer-other'),
      analyst: analyst(),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);

  const openCase = () => openCaseAs(t.http, tokens.officer);

  const post = (path: string, body: object, token = tokens.authority, headers: Record<string, string> = {}) =>
    asBearer(t.http, token).post(path, body, headers);

  const start = (caseId: string, body: object = {}, token = tokens.authority, headers: Record<string, string> = {}) =>
    post(`/cases/${caseId}/reflection-period`, body, token, headers);
  const extend = (caseId: string, body: object, token = tokens.authority) =>
    post(`/cases/${caseId}/reflection-period/extension`, body, token);
  const end = (caseId: string, body: object, token = tokens.authority) =>
    post(`/cases/${caseId}/reflection-period/end`, body, token);

  const readCase = (caseId: string, position: string, token = tokens.authority) =>
    readCaseAs(t.http, token, caseId, position);

  /** Expects a refusal naming the rule that appended nothing. */
  const expectRefused = (send: () => Promise<Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);

  describe('start, extension and early end', () => {
    let caseId: string;
    let startedAt: number;
    let lastPosition: string;

    beforeAll(async () => {
      ({ caseId } = await openCase());
    });

    it('starts a period of the configured default length now, moving the case to the reflection-period stage', async () => {
      const before = Date.now();
      const response = await start(caseId);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId, revision: 1, periodId: expect.any(String) });
      expect(response.headers.etag).toBe('"1"');

      const read = await readCase(caseId, response.body.position);
      expect(read.body).toMatchObject({ stage: 'reflection-period', revision: 1 });
      const timeline = await readTimelineAs(t.http, tokens.authority, caseId, response.body.position);
      const entry = timeline.body.entries.at(-1);
      expect(entry.details).toMatchObject({ days: CONFIGURED_DAYS, periodId: response.body.periodId });
      startedAt = new Date(entry.details.startedAt).getTime();
      expect(startedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(startedAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(new Date(read.body.nextDeadlineAt).getTime()).toBe(startedAt + CONFIGURED_DAYS * DAY_MS);
    });

    it('refuses a second period while one is active: 409 one-active-reflection-period, nothing appended', () =>
      expectRefused(() => start(caseId, { days: 60 }), 409, 'one-active-reflection-period'));

    it('extends the active period with a reason: the next deadline moves', async () => {
      const response = await extend(caseId, { days: 15, reason: 'Medical treatment continues' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId, revision: 2 });
      const read = await readCase(caseId, response.body.position);
      expect(new Date(read.body.nextDeadlineAt).getTime()).toBe(startedAt + (CONFIGURED_DAYS + 15) * DAY_MS);
    });

    it('ends the period early with its outcome: no next deadline any more', async () => {
      const response = await end(caseId, { outcome: 'chose-to-return', note: 'Wants to go home to her family' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId, revision: 3 });
      lastPosition = response.body.position;
      const read = await readCase(caseId, lastPosition);
      expect(read.body).toMatchObject({ stage: 'reflection-period', nextDeadlineAt: null });
    });

    it('refuses an extension or an end without an active period: 409 no-active-reflection-period', async () => {
      await expectRefused(() => extend(caseId, { days: 5, reason: 'More time' }), 409, 'no-active-reflection-period');
      await expectRefused(() => end(caseId, { outcome: 'other' }), 409, 'no-active-reflection-period');
    });

    it('shows every step on the timeline, who and when', async () => {
      const timeline = await readTimelineAs(t.http, tokens.officer, caseId, lastPosition);
      expect(timeline.status).toBe(200);
      const entries = timeline.body.entries as {
        event: string;
        summary: string;
        at: string;
        by: { userId: string; organisationId: string; organisationType: string };
      }[];
      expect(entries.map((e) => e.event)).toEqual([
        'CaseOpened',
        'ReflectionPeriodStarted',
        'ReflectionPeriodExtended',
        'ReflectionPeriodEnded',
      ]);
      const [, started, extended, ended] = entries;
      expect(started.summary).toMatch(
        new RegExp(`^Reflection period of ${CONFIGURED_DAYS} days started on .+, ends .+\\.$`),
      );
      expect(extended.summary).toMatch(/^Reflection period extended by 15 days to .+\.$/);
      expect(ended.summary).toBe('Reflection period ended early: chose to return.');
      for (const entry of [started, extended, ended]) {
        expect(entry.by).toMatchObject({
          userId: 'ca-officer-1',
          organisationId: 'mia-anti-trafficking',
          organisationType: 'competent-authority',
        });
        expect(Number.isNaN(new Date(entry.at).getTime())).toBe(false);
      }
    });

    it('starts a new period after the last one ended', async () => {
      const response = await start(caseId, { days: 30 });
      expect(response.status).toBe(200);
      expect(response.body.revision).toBe(4);
    });
  });

  describe('start rules', () => {
    it('refuses fewer than 30 days: 422 reflection-period-minimum, nothing appended', async () => {
      const { caseId } = await openCase();
      const response = await expectRefused(() => start(caseId, { days: 29 }), 422, 'reflection-period-minimum');
      expect(response.body.detail).toMatch(/30/);
    });

    it('refuses a start more than 5 minutes in the future: 422, nothing appended', async () => {
      const { caseId } = await openCase();
      const future = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      await expectRefused(() => start(caseId, { startedAt: future }), 422, 'reflection-period-start-not-in-future');
    });

    it('accepts a start recorded late whose end is already past: the period is simply due', async () => {
      const { caseId } = await openCase();
      const startedAt = new Date(Date.now() - 40 * DAY_MS);
      const response = await start(caseId, { startedAt: startedAt.toISOString().replace('Z', '+00:00'), days: 30 });
      expect(response.status).toBe(200);
      const read = await readCase(caseId, response.body.position);
      expect(new Date(read.body.nextDeadlineAt).getTime()).toBe(startedAt.getTime() + 30 * DAY_MS);
      expect(new Date(read.body.nextDeadlineAt).getTime()).toBeLessThan(Date.now());
    });

    it('lets a first responder start one on its own case (roles: authority, case worker, coordinator, responder)', async () => {
      const { caseId } = await openCase();
      expect((await start(caseId, {}, tokens.officer)).status).toBe(200);
    });

    it('with a stale If-Match is 412 and appends nothing', async () => {
      const { caseId } = await openCase();
      const before = await events();
      const response = await start(caseId, {}, tokens.authority, { 'If-Match': '"7"' });
      expect(response.status).toBe(412);
      expect(await events()).toBe(before);
    });

    it('the same Idempotency-Key returns the first result and appends nothing', async () => {
      const { caseId } = await openCase();
      const headers = { 'Idempotency-Key': `start-${caseId}` };
      const first = await start(caseId, {}, tokens.authority, headers);
      expect(first.status).toBe(200);
      const before = await events();
      const again = await start(caseId, {}, tokens.authority, headers);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await events()).toBe(before);
    });
  });

  describe('input and access', () => {
    let caseId: string;
    beforeAll(async () => {
      ({ caseId } = await openCase());
    });

    it('invalid input is 400 naming every bad field, unknown ones included, and appends nothing', async () => {
      const before = await events();
      const badStart = await start(caseId, { startedAt: '2026-11-20T10:00:00', days: 1000, colour: 'red' });
      expect(badStart.status).toBe(400);
      expect(badStart.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['startedAt', 'days', 'colour']),
      );
      const badExtension = await extend(caseId, { days: 0 });
      expect(badExtension.status).toBe(400);
      expect(badExtension.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['days', 'reason']),
      );
      const badEnd = await end(caseId, { outcome: 'vanished' });
      expect(badEnd.status).toBe(400);
      expect(badEnd.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome']);
      expect(await events()).toBe(before);
    });

    it('a case of another organisation is 404 for a first responder, as a missing one', async () => {
      const before = await events();
      expect((await start(caseId, {}, tokens.otherOfficer)).status).toBe(404);
      expect((await start('00000000-0000-4000-8000-000000000000', {})).status).toBe(404);
      expect(await events()).toBe(before);
    });

    it('a role without the right is 403', async () => {
      expect((await start(caseId, {}, tokens.analyst)).status).toBe(403);
    });
  });
});
