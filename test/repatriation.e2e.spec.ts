import type { Response } from 'supertest';
import { countEvents } from './support/events';
import { asBearer, openCaseAs, readCaseAs, readTimelineAs } from './support/requests';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { entrySaying } from './support/timeline';
import { analyst, caseWorker, officersAndCoordinator } from './support/tokens';
import { PROBLEM, expectRefusedWithNothingAppended } from './support/refusals';
import { DAY_MS, isoDay as day } from './support/dates';

describe('Repatriation through HTTP', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officersAndCoordinator(),
      worker: caseWorker(),
      analyst: analyst(),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);

  const openCase = async () => (await openCaseAs(t.http, tokens.officer)).caseId;

  const post = (path: string, body: object, token = tokens.worker, headers: Record<string, string> = {}) =>
    asBearer(t.http, token).post(path, body, headers);

  const requestBody = () => ({ destinationCountry: 'UZ', voluntaryConsent: true });
  const travel = { documents: ['certificate-of-return'], issuedBy: 'Embassy of Uzbekistan in Baku' };

  /** The refusal is problem+json naming the rule, and nothing is appended. */
  const expectRefused = (send: () => Promise<Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);

  it('request → risk assessment → travel documents → schedule → complete; stage repatriation; every step on the timeline', async () => {
    const caseId = await openCase();
    const base = `/cases/${caseId}/repatriation`;

    const requested = await post(base, {
      ...requestBody(),
      consentRecordedAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({ caseId, revision: 1, position: expect.any(String) });
    expect(requested.headers.etag).toBe('"1"');

    expect((await post(`${base}/risk-assessment`, { level: 'low', notes: 'Family ready to receive her' })).status).toBe(
      200,
    );
    expect((await post(`${base}/travel-documents`, travel)).status).toBe(200);
    expect((await post(`${base}/schedule`, { travelDate: day(), route: 'GYD–TAS' })).status).toBe(200);
    const completed = await post(
      `${base}/complete`,
      { arrivedOn: day(), receivedBy: 'IOM Tashkent' },
      tokens.coordinator,
    );
    expect(completed.status).toBe(200);
    expect(completed.body.revision).toBe(5);

    const read = await readCaseAs(t.http, tokens.officer, caseId, completed.body.position);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ stage: 'repatriation', status: 'presumed-victim' });
    expect(read.headers.etag).toBe('"5"');

    const timeline = await readTimelineAs(t.http, tokens.officer, caseId, completed.body.position);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries as { event: string; summary: string; at: string; by: { userId: string } }[];
    expect(entries.map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'RepatriationRequested',
      'RepatriationRiskAssessed',
      'TravelDocumentsRecorded',
      'RepatriationScheduled',
      'RepatriationCompleted',
    ]);
    expect(entries[1]).toMatchObject(
      entrySaying('Voluntary repatriation to UZ requested', { userId: 'case-worker-1', organisationId: 'police-baku' }),
    );
    expect(entries[2].summary).toBe('Return risk assessed as low.');
    expect(entries[4].summary).toContain(`scheduled for ${day()}`);
    expect(entries[5]).toMatchObject({
      summary: expect.stringContaining('Repatriation completed'),
      by: { userId: 'coordinator-1' },
    });
  });

  it('refuses a repatriation without voluntary consent: 422 repatriation-needs-voluntary-consent', async () => {
    const caseId = await openCase();
    await expectRefused(
      () => post(`/cases/${caseId}/repatriation`, { ...requestBody(), voluntaryConsent: false }),
      422,
      'repatriation-needs-voluntary-consent',
    );
  });

  it('refuses a consent recorded in the future: 422 consent-not-in-future', async () => {
    const caseId = await openCase();
    await expectRefused(
      () =>
        post(`/cases/${caseId}/repatriation`, {
          ...requestBody(),
          consentRecordedAt: new Date(Date.now() + 2 * DAY_MS).toISOString(),
        }),
      422,
      'consent-not-in-future',
    );
  });

  it('refuses during an active reflection period, accepts once the person asked to end it', async () => {
    const caseId = await openCase();
    expect((await post(`/cases/${caseId}/reflection-period`, {})).status).toBe(200);
    await expectRefused(
      () => post(`/cases/${caseId}/repatriation`, requestBody()),
      409,
      'no-repatriation-during-reflection-period',
    );
    expect((await post(`/cases/${caseId}/reflection-period/end`, { outcome: 'chose-to-return' })).status).toBe(200);
    expect((await post(`/cases/${caseId}/repatriation`, requestBody())).status).toBe(200);
  });

  it('one open repatriation at a time: 409 repatriation-already-open; a new one after cancelling', async () => {
    const caseId = await openCase();
    expect((await post(`/cases/${caseId}/repatriation`, requestBody())).status).toBe(200);
    await expectRefused(() => post(`/cases/${caseId}/repatriation`, requestBody()), 409, 'repatriation-already-open');

    const cancelled = await post(`/cases/${caseId}/repatriation/cancel`, { reason: 'Decided to stay for the trial' });
    expect(cancelled.status).toBe(200);
    expect((await post(`/cases/${caseId}/repatriation`, requestBody())).status).toBe(200);

    const timeline = await readTimelineAs(t.http, tokens.officer, caseId, cancelled.body.position);
    expect(timeline.body.entries.map((entry: { summary: string }) => entry.summary)).toContain(
      'Repatriation cancelled.',
    );
  });

  it('every step but the request needs an open repatriation: 409 no-open-repatriation', async () => {
    const caseId = await openCase();
    const base = `/cases/${caseId}/repatriation`;
    await expectRefused(() => post(`${base}/risk-assessment`, { level: 'low' }), 409, 'no-open-repatriation');
    await expectRefused(() => post(`${base}/travel-documents`, travel), 409, 'no-open-repatriation');
    await expectRefused(() => post(`${base}/schedule`, { travelDate: day(3) }), 409, 'no-open-repatriation');
    await expectRefused(() => post(`${base}/complete`, { arrivedOn: day() }), 409, 'no-open-repatriation');
    await expectRefused(() => post(`${base}/cancel`, { reason: 'x' }), 409, 'no-open-repatriation');
  });

  it('scheduling needs a risk assessment, no unmitigated high risk, travel documents and a date not in the past', async () => {
    const caseId = await openCase();
    const base = `/cases/${caseId}/repatriation`;
    expect((await post(base, requestBody())).status).toBe(200);

    await expectRefused(() => post(`${base}/schedule`, { travelDate: day(3) }), 409, 'schedule-needs-risk-assessment');

    expect((await post(`${base}/risk-assessment`, { level: 'high', notes: 'Recruiter in home town' })).status).toBe(
      200,
    );
    await expectRefused(() => post(`${base}/schedule`, { travelDate: day(3) }), 409, 'high-risk-not-mitigated');

    const mitigated = await post(`${base}/risk-assessment`, { level: 'high', mitigated: true });
    expect(mitigated.status).toBe(200);
    await expectRefused(() => post(`${base}/schedule`, { travelDate: day(3) }), 409, 'schedule-needs-travel-documents');

    expect((await post(`${base}/travel-documents`, travel)).status).toBe(200);
    await expectRefused(() => post(`${base}/schedule`, { travelDate: day(-2) }), 422, 'travel-date-not-in-past');

    await expectRefused(() => post(`${base}/complete`, { arrivedOn: day() }), 409, 'repatriation-not-scheduled');

    expect((await post(`${base}/schedule`, { travelDate: day(3) })).status).toBe(200);
    await expectRefused(() => post(`${base}/complete`, { arrivedOn: day(3) }), 422, 'arrival-not-in-future');
    const early = await expectRefused(
      () => post(`${base}/complete`, { arrivedOn: day() }),
      422,
      'arrival-not-before-travel',
    );
    expect(early.body.errors).toEqual([{ field: 'arrivedOn', messages: [expect.stringContaining(day(3))] }]);
  });

  it('a later unmitigated high risk blocks completion again: 409 high-risk-not-mitigated', async () => {
    const caseId = await openCase();
    const base = `/cases/${caseId}/repatriation`;
    for (const [path, body] of [
      ['', requestBody()],
      ['/risk-assessment', { level: 'medium' }],
      ['/travel-documents', travel],
      ['/schedule', { travelDate: day() }],
      ['/risk-assessment', { level: 'high' }],
    ] as const) {
      expect((await post(`${base}${path}`, body)).status).toBe(200);
    }
    await expectRefused(() => post(`${base}/complete`, { arrivedOn: day() }), 409, 'high-risk-not-mitigated');
  });

  it('a closed case refuses with 409 case-not-closed', async () => {
    const caseId = await openCase();
    const closed = await post(`/cases/${caseId}/close`, { reason: 'lost-contact' }, tokens.coordinator);
    expect(closed.status).toBe(200);
    await expectRefused(() => post(`/cases/${caseId}/repatriation`, requestBody()), 409, 'case-not-closed');
  });

  it('invalid input is 400 naming every bad field, and appends nothing', async () => {
    const caseId = await openCase();
    const before = await events();
    const bad = await post(`/cases/${caseId}/repatriation`, {
      destinationCountry: 'Uzbekistan',
      voluntaryConsent: 'yes',
      passportNumber: 'AA1234567',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['destinationCountry', 'voluntaryConsent', 'passportNumber']),
    );
    const base = `/cases/${caseId}/repatriation`;
    const badRisk = await post(`${base}/risk-assessment`, { level: 'extreme', mitigated: 'no' });
    expect(badRisk.body.errors.map((e: { field: string }) => e.field)).toEqual(['level', 'mitigated']);
    const badDocuments = await post(`${base}/travel-documents`, { documents: [], issuedBy: '' });
    expect(badDocuments.body.errors.map((e: { field: string }) => e.field)).toEqual(['documents', 'issuedBy']);
    const badDate = await post(`${base}/schedule`, { travelDate: '2026-02-30' });
    expect(badDate.body.errors.map((e: { field: string }) => e.field)).toEqual(['travelDate']);
    const badArrival = await post(`${base}/complete`, { arrivedOn: 'tomorrow' });
    expect(badArrival.body.errors.map((e: { field: string }) => e.field)).toEqual(['arrivedOn']);
    const noReason = await post(`${base}/cancel`, {});
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    for (const response of [badRisk, badDocuments, badDate, badArrival, noReason]) expect(response.status).toBe(400);
    expect(await events()).toBe(before);
  });

  it('a case of another organisation is 404; an analyst is 403', async () => {
    const caseId = await openCase();
    const before = await events();
    const hidden = await post(`/cases/${caseId}/repatriation`, requestBody(), tokens.otherOfficer);
    expect(hidden.status).toBe(404);
    const missing = await post(
      `/cases/00000000-0000-4000-8000-000000000000/repatriation`,
      requestBody(),
      tokens.otherOfficer,
    );
    expect(missing.status).toBe(404);
    expect(hidden.body.detail?.replace(caseId, 'ID')).toBe(
      missing.body.detail?.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    expect((await post(`/cases/${caseId}/repatriation`, requestBody(), tokens.analyst)).status).toBe(403);
    expect(await events()).toBe(before);
  });

  it('Idempotency-Key: the same request twice appends once; a stale If-Match is 412', async () => {
    const caseId = await openCase();
    const headers = { 'Idempotency-Key': `repatriation-${caseId}` };
    const before = await events();
    const first = await post(`/cases/${caseId}/repatriation`, requestBody(), tokens.worker, headers);
    const again = await post(`/cases/${caseId}/repatriation`, requestBody(), tokens.worker, headers);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await events()).toBe(before + 1);

    await expect(
      post(`/cases/${caseId}/repatriation/risk-assessment`, { level: 'low' }, tokens.worker, { 'If-Match': '"0"' }),
    ).resolves.toMatchObject({ status: 412 });
    // A retry whose If-Match its own first attempt made stale still gets that attempt's answer.
    const assessed = { 'Idempotency-Key': `risk-${caseId}`, 'If-Match': '"1"' };
    const assessedFirst = await post(
      `/cases/${caseId}/repatriation/risk-assessment`,
      { level: 'low' },
      tokens.worker,
      assessed,
    );
    const assessedAgain = await post(
      `/cases/${caseId}/repatriation/risk-assessment`,
      { level: 'low' },
      tokens.worker,
      assessed,
    );
    expect(assessedFirst.status).toBe(200);
    expect(assessedAgain.status).toBe(200);
    expect(assessedAgain.body).toEqual(assessedFirst.body);
    expect(await events()).toBe(before + 2);
    const fresh = await post(`/cases/${caseId}/repatriation/risk-assessment`, { level: 'low' }, tokens.worker, {
      'If-Match': '"2"',
    });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe('"3"');
  });
});
