import type { Response } from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { asBearer, openCaseAs, readCaseAs, readTimelineAs } from './support/requests';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { analyst, caseWorker, officersAndCoordinator } from './support/tokens';
import { PROBLEM, expectEachRefusedWithNothingAppended, expectRefusedWithNothingAppended } from './support/refusals';
import { isoDay as day } from './support/dates';

describe('Reintegration through HTTP', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officersAndCoordinator(),
      worker: caseWorker({ sub: 'case-worker-2', orgType: 'assistance-centre' }),
      analyst: analyst(),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);

  async function openCase(): Promise<string> {
    const body = validCase() as Record<string, any>;
    delete body.person.dateOfBirth;
    body.person.estimatedAge = 15;
    body.person.citizenship = 'AZ';
    return (await openCaseAs(t.http, tokens.officer, body)).caseId;
  }

  const post = (path: string, body: object, token = tokens.worker, headers: Record<string, string> = {}) =>
    asBearer(t.http, token).post(path, body, headers);

  const read = (caseId: string, position: string) => readCaseAs(t.http, tokens.officer, caseId, position);

  const plan = (reviewEveryDays?: number) => ({
    goals: [
      { domain: 'education', description: 'Return to school for the spring term', targetDate: day(60) },
      { domain: 'psychological', description: 'Weekly counselling' },
    ],
    ...(reviewEveryDays === undefined ? {} : { reviewEveryDays }),
  });
  const service = (domain = 'education') => ({
    domain,
    providerOrgId: 'ngo-clean-world',
    description: 'Enrolled at the local school',
    deliveredOn: day(),
  });

  const expectRefused = (send: () => Promise<Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);
  const expectEachRefused = (status: number, rule: string, sends: (() => Promise<Response>)[]) =>
    expectEachRefusedWithNothingAppended(t.database.url, status, rule, sends);

  it('plan → service → review → complete: stage reintegration, the next review as deadline, every step on the timeline', async () => {
    const caseId = await openCase();

    const adopted = await post(`/cases/${caseId}/reintegration-plan`, plan());
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ caseId, revision: 1 });
    expect(adopted.headers.etag).toBe('"1"');
    const afterPlan = await read(caseId, adopted.body.position);
    expect(afterPlan.body).toMatchObject({ stage: 'reintegration', status: 'presumed-victim' });
    expect(afterPlan.body.nextDeadlineAt).toBe(`${day(90)}T00:00:00.000Z`);

    expect((await post(`/cases/${caseId}/reintegration/services`, service())).status).toBe(200);

    const reviewed = await post(`/cases/${caseId}/reintegration/reviews`, {
      reviewedOn: day(),
      progress: 'delayed',
      notes: 'Counselling started late',
    });
    expect(reviewed.status).toBe(200);
    const afterReview = await read(caseId, reviewed.body.position);
    expect(afterReview.body.nextDeadlineAt).toBe(`${day(90)}T00:00:00.000Z`);

    const completed = await post(
      `/cases/${caseId}/reintegration/complete`,
      { completedOn: day(), outcome: 'reintegrated' },
      tokens.coordinator,
    );
    expect(completed.status).toBe(200);
    const afterCompletion = await read(caseId, completed.body.position);
    expect(afterCompletion.body).toMatchObject({ stage: 'reintegration', nextDeadlineAt: null });
    expect(afterCompletion.headers.etag).toBe('"4"');

    const timeline = await readTimelineAs(t.http, tokens.officer, caseId, completed.body.position);
    const entries = timeline.body.entries as { event: string; summary: string; by: { userId: string } }[];
    expect(entries.map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'ReintegrationPlanAdopted',
      'ReintegrationServiceDelivered',
      'ReintegrationReviewed',
      'ReintegrationCompleted',
    ]);
    expect(entries[1]).toMatchObject({
      summary: expect.stringContaining('Reintegration plan adopted with 2 goal(s) (education, psychological)'),
      by: { userId: 'case-worker-2' },
    });
    expect(entries[2].summary).toContain('(education) delivered by ngo-clean-world');
    expect(entries[3].summary).toContain('delayed');
    expect(entries[4]).toMatchObject({
      summary: `Reintegration completed on ${day()}: reintegrated.`,
      by: { userId: 'coordinator-1' },
    });
  });

  it('a review interval of the plan sets the deadlines', async () => {
    const caseId = await openCase();
    const adopted = await post(`/cases/${caseId}/reintegration-plan`, plan(30));
    expect(adopted.status).toBe(200);
    expect((await read(caseId, adopted.body.position)).body.nextDeadlineAt).toBe(`${day(30)}T00:00:00.000Z`);
  });

  it('one plan per case: 409 plan-exists', async () => {
    const caseId = await openCase();
    expect((await post(`/cases/${caseId}/reintegration-plan`, plan())).status).toBe(200);
    await expectRefused(() => post(`/cases/${caseId}/reintegration-plan`, plan()), 409, 'plan-exists');
  });

  it('services, reviews and completion need a plan: 409 needs-reintegration-plan', async () => {
    const caseId = await openCase();
    await expectEachRefused(409, 'needs-reintegration-plan', [
      () => post(`/cases/${caseId}/reintegration/services`, service()),
      () => post(`/cases/${caseId}/reintegration/reviews`, { reviewedOn: day(), progress: 'on-track' }),
      () => post(`/cases/${caseId}/reintegration/complete`, { completedOn: day(), outcome: 'partially' }),
    ]);
  });

  it('a service outside the plan goal domains is 422 service-outside-plan; one in the future 422', async () => {
    const caseId = await openCase();
    expect((await post(`/cases/${caseId}/reintegration-plan`, plan())).status).toBe(200);
    await expectRefused(
      () => post(`/cases/${caseId}/reintegration/services`, service('housing')),
      422,
      'service-outside-plan',
    );
    await expectRefused(
      () => post(`/cases/${caseId}/reintegration/services`, { ...service(), deliveredOn: day(3) }),
      422,
      'delivered-not-in-future',
    );
  });

  it('reviews and completion are dated between the plan and today', async () => {
    const caseId = await openCase();
    expect((await post(`/cases/${caseId}/reintegration-plan`, plan())).status).toBe(200);
    const reviews = `/cases/${caseId}/reintegration/reviews`;
    await expectRefused(() => post(reviews, { reviewedOn: day(3), progress: 'on-track' }), 422, 'review-not-in-future');
    await expectRefused(() => post(reviews, { reviewedOn: day(-3), progress: 'on-track' }), 422, 'review-before-plan');
    const complete = `/cases/${caseId}/reintegration/complete`;
    await expectRefused(
      () => post(complete, { completedOn: day(-3), outcome: 'discontinued' }),
      422,
      'completion-before-plan',
    );
  });

  it('a completed plan takes no more services, reviews or completion: 409 reintegration-completed', async () => {
    const caseId = await openCase();
    expect((await post(`/cases/${caseId}/reintegration-plan`, plan())).status).toBe(200);
    const complete = { completedOn: day(), outcome: 'discontinued' };
    expect((await post(`/cases/${caseId}/reintegration/complete`, complete)).status).toBe(200);
    await expectEachRefused(409, 'reintegration-completed', [
      () => post(`/cases/${caseId}/reintegration/complete`, complete),
      () => post(`/cases/${caseId}/reintegration/services`, service()),
      () => post(`/cases/${caseId}/reintegration/reviews`, { reviewedOn: day(), progress: 'at-risk' }),
    ]);
  });

  it('a closed case refuses with 409 case-not-closed', async () => {
    const caseId = await openCase();
    const closed = await post(`/cases/${caseId}/close`, { reason: 'lost-contact' }, tokens.coordinator);
    expect(closed.status).toBe(200);
    await expectRefused(() => post(`/cases/${caseId}/reintegration-plan`, plan()), 409, 'case-not-closed');
  });

  it('invalid input is 400 naming every bad field, and appends nothing', async () => {
    const caseId = await openCase();
    const before = await events();
    const noGoals = await post(`/cases/${caseId}/reintegration-plan`, { goals: [], reviewEveryDays: 0, extra: 1 });
    expect(noGoals.status).toBe(400);
    expect(noGoals.headers['content-type']).toMatch(PROBLEM);
    expect(noGoals.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['goals', 'reviewEveryDays', 'extra']),
    );
    const badGoal = await post(`/cases/${caseId}/reintegration-plan`, {
      goals: [{ domain: 'leisure', description: '', targetDate: 'soon' }],
    });
    expect(badGoal.status).toBe(400);
    expect(badGoal.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['goals.0.domain', 'goals.0.description', 'goals.0.targetDate']),
    );
    const badService = await post(`/cases/${caseId}/reintegration/services`, {
      domain: 'fun',
      deliveredOn: '21.11.2026',
    });
    expect(badService.status).toBe(400);
    expect(badService.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['domain', 'providerOrgId', 'description', 'deliveredOn']),
    );
    const badReview = await post(`/cases/${caseId}/reintegration/reviews`, { reviewedOn: day(), progress: 'great' });
    expect(badReview.status).toBe(400);
    expect(badReview.body.errors.map((e: { field: string }) => e.field)).toEqual(['progress']);
    const badCompletion = await post(`/cases/${caseId}/reintegration/complete`, { outcome: 'done' });
    expect(badCompletion.status).toBe(400);
    expect(badCompletion.body.errors.map((e: { field: string }) => e.field)).toEqual(['completedOn', 'outcome']);
    expect(await events()).toBe(before);
  });

  it('a case of another organisation is 404; an analyst is 403', async () => {
    const caseId = await openCase();
    const before = await events();
    expect((await post(`/cases/${caseId}/reintegration-plan`, plan(), tokens.otherOfficer)).status).toBe(404);
    expect((await post(`/cases/${caseId}/reintegration-plan`, plan(), tokens.analyst)).status).toBe(403);
    expect(await events()).toBe(before);
  });

  it('Idempotency-Key: the same request twice appends once; a stale If-Match is 412', async () => {
    const caseId = await openCase();
    const headers = { 'Idempotency-Key': `plan-${caseId}` };
    const before = await events();
    const first = await post(`/cases/${caseId}/reintegration-plan`, plan(), tokens.worker, headers);
    const again = await post(`/cases/${caseId}/reintegration-plan`, plan(), tokens.worker, headers);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await events()).toBe(before + 1);
    const stale = await post(`/cases/${caseId}/reintegration/services`, service(), tokens.worker, {
      'If-Match': '"0"',
    });
    expect(stale.status).toBe(412);
    expect(await events()).toBe(before + 1);
  });
});
