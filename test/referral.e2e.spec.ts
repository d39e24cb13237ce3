import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { useTestApp } from './support/test-app';
import { competentAuthority, officerAndCoordinator, responder } from './support/tokens';
import { PROBLEM, expectRefusedWithNothingAppended } from './support/refusals';
import { isoDay } from './support/dates';

describe('Referral and victim-status decision through HTTP', () => {
  const t = useTestApp({
    users: {
      ...officerAndCoordinator('officer-ref'),
      otherOfficer: responder('border-guard-astara', 'officer-other'),
      authority: competentAuthority('mia-officer-1', 'MIA Officer'),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);

  const post = (token: string, path: string, body: object, headers: Record<string, string> = {}) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).set(headers).send(body);
  const get = (token: string, path: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  async function openCase(body: object = validCase()): Promise<string> {
    const opened = await post(tokens.officer, '/cases', body);
    expect(opened.status).toBe(201);
    return opened.body.caseId as string;
  }
  const refer = (
    caseId: string,
    token = tokens.officer,
    body: object = { competentAuthorityOrgId: 'mia-anti-trafficking' },
  ) => post(token, `/cases/${caseId}/referral`, body);
  const grant = (caseId: string, token = tokens.authority, decisionNumber = '123/2026') =>
    post(token, `/cases/${caseId}/status-decision`, { decision: 'granted', decisionNumber, decidedOn: isoDay() });
  const refuse = (caseId: string, reasons = ['No indicator confirmed', 'Interview declined']) =>
    post(tokens.authority, `/cases/${caseId}/status-decision`, { decision: 'refused', reasons, decidedOn: isoDay(-1) });
  const review = (caseId: string, token = tokens.officer) =>
    post(token, `/cases/${caseId}/status-decision/review`, { reason: 'New evidence from the labour inspectorate' });

  /** A refusal: 409/422 problem+json naming the rule, and nothing appended. */
  const expectRefused = (send: () => Promise<request.Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);

  it('refer, then grant by the competent authority: summary and timeline show both, who and when', async () => {
    const caseId = await openCase();

    const referred = await refer(caseId, tokens.officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
      note: 'Handed over by phone',
    });
    expect(referred.status).toBe(200);
    expect(referred.body).toMatchObject({ caseId, revision: 1, position: expect.any(String) });
    expect(referred.headers.etag).toBe('"1"');

    const afterReferral = await get(tokens.officer, `/cases/${caseId}?minPosition=${referred.body.position}`);
    expect(afterReferral.body).toMatchObject({ stage: 'referral', status: 'presumed-victim' });

    const granted = await grant(caseId);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ caseId, revision: 2 });

    const summary = await get(tokens.officer, `/cases/${caseId}?minPosition=${granted.body.position}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ stage: 'referral', status: 'victim' });

    const timeline = await get(tokens.officer, `/cases/${caseId}/timeline?minPosition=${granted.body.position}`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries;
    expect(entries).toHaveLength(3);
    expect(entries[1]).toMatchObject({
      revision: 1,
      event: 'CaseReferred',
      summary: 'Referred to the competent authority (mia-anti-trafficking).',
      details: { competentAuthorityOrgId: 'mia-anti-trafficking', note: 'Handed over by phone' },
      by: { userId: 'officer-ref', name: 'Officer officer-ref', organisationId: 'police-baku' },
    });
    expect(entries[2]).toMatchObject({
      revision: 2,
      event: 'VictimStatusGranted',
      position: granted.body.position,
      summary: `Victim status granted: decision 123/2026 of ${isoDay()}.`,
      by: {
        userId: 'mia-officer-1',
        name: 'MIA Officer',
        organisationId: 'mia-anti-trafficking',
        organisationType: 'competent-authority',
      },
    });
    for (const entry of entries) expect(Math.abs(Date.now() - Date.parse(entry.at))).toBeLessThan(5 * 60_000);
    expect(JSON.stringify(entries)).not.toContain('Məmmədova');
  });

  it('refusal, review of the refusal, then a new decision', async () => {
    const caseId = await openCase();
    expect((await refer(caseId)).status).toBe(200);

    const refused = await refuse(caseId);
    expect(refused.status).toBe(200);
    expect((await get(tokens.officer, `/cases/${caseId}?minPosition=${refused.body.position}`)).body.status).toBe(
      'not-a-victim',
    );

    const reviewed = await review(caseId);
    expect(reviewed.status).toBe(200);
    expect((await get(tokens.officer, `/cases/${caseId}?minPosition=${reviewed.body.position}`)).body.status).toBe(
      'presumed-victim',
    );

    const granted = await grant(caseId, tokens.authority, '124/2026');
    expect(granted.status).toBe(200);

    const timeline = await get(tokens.coordinator, `/cases/${caseId}/timeline?minPosition=${granted.body.position}`);
    expect(timeline.body.entries.map((e: { event: string }) => e.event)).toEqual([
      'CaseOpened',
      'CaseReferred',
      'VictimStatusRefused',
      'StatusDecisionReviewRequested',
      'VictimStatusGranted',
    ]);
    expect(timeline.body.entries[2]).toMatchObject({
      summary: expect.stringContaining('Victim status refused (2 reasons).'),
      details: { reasons: ['No indicator confirmed', 'Interview declined'], decidedOn: isoDay(-1) },
      by: { userId: 'mia-officer-1' },
    });
    expect(timeline.body.entries[3]).toMatchObject({
      summary: 'Review of the refusal requested.',
      by: { userId: 'officer-ref' },
    });
    expect(timeline.body.entries[4].summary).toBe(`Victim status granted: decision 124/2026 of ${isoDay()}.`);
    const summary = await get(tokens.officer, `/cases/${caseId}?minPosition=${granted.body.position}`);
    expect(summary.body.status).toBe('victim');
  });

  describe('domain rules: 409/422 naming the rule, nothing appended', () => {
    it('an adult without consent to referral is not referred (422); once consent is recorded, it is', async () => {
      const caseId = await openCase({ ...validCase(), consentToReferral: false });
      await expectRefused(() => refer(caseId), 422, 'referral-needs-consent');
      const consent = await post(tokens.officer, `/cases/${caseId}/consent`, { consentToReferral: true });
      expect(consent.status).toBe(200);
      expect((await refer(caseId)).status).toBe(200);
    });

    it('a child is referred without consent', async () => {
      const body = validCase();
      const child = {
        ...body,
        person: { ...body.person, dateOfBirth: '2012-03-01' },
        consentToReferral: false,
      };
      const caseId = await openCase(child);
      const referred = await refer(caseId);
      expect(referred.status).toBe(200);
    });

    it('a case is referred once', async () => {
      const caseId = await openCase();
      expect((await refer(caseId)).status).toBe(200);
      await expectRefused(() => refer(caseId, tokens.coordinator), 409, 'already-referred');
    });

    it('no status decision before the referral', async () => {
      const caseId = await openCase();
      await expectRefused(() => grant(caseId), 409, 'decision-needs-referral');
    });

    it('one decision at a time: a second decision without a pending review', async () => {
      const caseId = await openCase();
      await refer(caseId);
      expect((await grant(caseId)).status).toBe(200);
      await expectRefused(() => refuse(caseId), 409, 'already-decided');
      await expectRefused(() => grant(caseId, tokens.authority, '125/2026'), 409, 'already-decided');
    });

    it('a decision dated in the future', async () => {
      const caseId = await openCase();
      await refer(caseId);
      const response = await expectRefused(
        () =>
          post(tokens.authority, `/cases/${caseId}/status-decision`, {
            decision: 'granted',
            decisionNumber: '1/2026',
            decidedOn: isoDay(3),
          }),
        422,
        'decision-date-not-in-future',
      );
      expect(response.body.detail).toContain('decidedOn');
    });

    it('a review needs a refusal, and only one review is pending at a time', async () => {
      const caseId = await openCase();
      await expectRefused(() => review(caseId), 409, 'review-needs-refusal');
      await refer(caseId);
      await expectRefused(() => review(caseId), 409, 'review-needs-refusal');
      expect((await refuse(caseId)).status).toBe(200);
      expect((await review(caseId, tokens.authority)).status).toBe(200);
      await expectRefused(() => review(caseId, tokens.coordinator), 409, 'review-pending');
    });

    it('a granted status cannot be reviewed', async () => {
      const caseId = await openCase();
      await refer(caseId);
      await grant(caseId);
      await expectRefused(() => review(caseId), 409, 'review-needs-refusal');
    });
  });

  describe('roles and need to know', () => {
    it('a first responder or a coordinator deciding on the status is 403, nothing appended', async () => {
      const caseId = await openCase();
      await refer(caseId);
      const before = await events();
      for (const token of [tokens.officer, tokens.coordinator]) {
        const response = await grant(caseId, token);
        expect(response.status).toBe(403);
        expect(response.headers['content-type']).toMatch(PROBLEM);
      }
      expect(await events()).toBe(before);
    });

    it('the competent authority cannot refer (403); another organisation’s responder gets 404', async () => {
      const caseId = await openCase();
      const before = await events();
      expect((await refer(caseId, tokens.authority)).status).toBe(403);
      const hidden = await refer(caseId, tokens.otherOfficer);
      expect(hidden.status).toBe(404);
      expect(hidden.headers['content-type']).toMatch(PROBLEM);
      expect(await events()).toBe(before);
    });
  });

  describe('input', () => {
    it('is 400 naming every bad field, and appends nothing', async () => {
      const caseId = await openCase();
      await refer(caseId);
      const before = await events();
      const cases: [object, string[]][] = [
        [{ decision: 'granted', decidedOn: isoDay() }, ['decisionNumber']],
        [{ decision: 'refused', decidedOn: isoDay() }, ['reasons']],
        [{ decision: 'refused', reasons: [], decidedOn: isoDay() }, ['reasons']],
        [{ decision: 'granted', decisionNumber: '1/2026', reasons: ['x'], decidedOn: isoDay() }, ['reasons']],
        [{ decision: 'maybe', decidedOn: '2026-02-30', foo: 1 }, ['decision', 'decidedOn', 'foo']],
      ];
      for (const [body, fields] of cases) {
        const response = await post(tokens.authority, `/cases/${caseId}/status-decision`, body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      }
      const noAuthority = await post(tokens.officer, `/cases/${caseId}/referral`, { note: 'x' });
      expect(noAuthority.status).toBe(400);
      expect(noAuthority.body.errors.map((e: { field: string }) => e.field)).toContain('competentAuthorityOrgId');
      const noReason = await post(tokens.officer, `/cases/${caseId}/status-decision/review`, {});
      expect(noReason.status).toBe(400);
      expect(await events()).toBe(before);
    });
  });

  describe('idempotency and If-Match', () => {
    it('the same Idempotency-Key returns the first result and appends nothing; a stale If-Match is 412', async () => {
      const caseId = await openCase();
      const body = { competentAuthorityOrgId: 'mia-anti-trafficking' };
      const first = await post(tokens.officer, `/cases/${caseId}/referral`, body, {
        'Idempotency-Key': `ref-${caseId}`,
      });
      expect(first.status).toBe(200);
      const before = await events();
      const again = await post(tokens.officer, `/cases/${caseId}/referral`, body, {
        'Idempotency-Key': `ref-${caseId}`,
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await events()).toBe(before);

      const stale = await post(
        tokens.authority,
        `/cases/${caseId}/status-decision`,
        { decision: 'granted', decisionNumber: '9/2026', decidedOn: isoDay() },
        { 'If-Match': '"0"' },
      );
      expect(stale.status).toBe(412);
      expect(await events()).toBe(before);
      const fresh = await post(
        tokens.authority,
        `/cases/${caseId}/status-decision`,
        { decision: 'granted', decisionNumber: '9/2026', decidedOn: isoDay() },
        { 'If-Match': first.headers.etag as string },
      );
      expect(fresh.status).toBe(200);
    });
  });
});
