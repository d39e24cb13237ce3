import { umidShelter, validCase } from './support/case-bodies';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { competentAuthority, officerAndCoordinator, shelterStaff } from './support/tokens';
import { asBearer, postAccepted } from './support/requests';
import { HOUR_MS, isoDay } from './support/dates';

/**
 * The case page (issue 11, items 2 and 3): after each step of an adult's and a child's journey, the
 * page shows every track with its state and dates, the open deadlines and who holds the case; the
 * stage follows the tracks, and lists find cases by stage, track and deadline of any kind.
 */
describe('The case page: every track, the open deadlines, the stage', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officerAndCoordinator(),
      authority: competentAuthority(),
      staff: shelterStaff('ngo-umid', 'staff-page'),
    },
  });
  const { tokens } = t;

  const post = (path: string, token: string, body: object = {}) => postAccepted(t.http, token, path, body);
  const get = (path: string, token: string) => asBearer(t.http, token).get(path);
  const page = async (caseId: string, position: string, token = tokens.coordinator) => {
    const res = await get(`/cases/${caseId}?minPosition=${position}`, token);
    expect(res.status).toBe(200);
    return res.body;
  };
  const listIds = async (query: string, position: string) => {
    const res = await get(`/cases?${query}&pageSize=100&minPosition=${position}`, tokens.coordinator);
    expect(res.status).toBe(200);
    return res.body.items.map((item: { id: string }) => item.id);
  };

  it("an adult's journey: each step shows on the page, in its track", async () => {
    // Identified two days ago: the 24-hour hand-over is overdue.
    const identifiedAt = new Date(Date.now() - 48 * HOUR_MS).toISOString();
    const body = validCase();
    const opened = await post('/cases', tokens.officer, {
      ...body,
      identification: { ...body.identification, identifiedAt },
    });
    const caseId = opened.caseId!;

    let view = await page(caseId, opened.position);
    expect(view).toMatchObject({
      stage: 'identification',
      activeTracks: ['identification'],
      holder: { organisationId: 'police-baku', referredToOrganisationId: null },
      nextDeadline: { kind: 'hand-over', overdue: true },
      tracks: {
        consent: { toReferral: true },
        childProtection: null,
        referral: null,
        statusDecision: null,
        reflectionPeriod: null,
        placements: [],
        repatriation: null,
        reintegration: null,
        closure: null,
      },
    });
    expect(view.openDeadlines).toEqual([
      expect.objectContaining({ kind: 'hand-over', overdue: true, responsibleOrganisationId: 'police-baku' }),
    ]);
    const now = new Date().toISOString();
    expect(await listIds(`deadlineDueBefore=${now}`, opened.position)).toContain(caseId);
    expect(await listIds(`deadlineDueBefore=${now}&deadlineKind=hand-over`, opened.position)).toContain(caseId);
    expect(await listIds(`deadlineDueBefore=${now}&deadlineKind=shelter-stay`, opened.position)).not.toContain(caseId);
    const listed = (await get(`/cases?q=${view.caseNumber}&minPosition=${opened.position}`, tokens.coordinator)).body
      .items[0];
    expect(listed).toMatchObject({
      id: caseId,
      stage: 'identification',
      nextDeadline: { kind: 'hand-over' },
      placement: null,
    });

    const referred = await post(`/cases/${caseId}/referral`, tokens.officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
    });
    view = await page(caseId, referred.position);
    expect(view).toMatchObject({
      stage: 'referral',
      activeTracks: ['referral'],
      holder: { organisationId: 'police-baku', referredToOrganisationId: 'mia-anti-trafficking' },
      tracks: {
        referral: { competentAuthorityOrgId: 'mia-anti-trafficking', referredAt: expect.any(String) },
        statusDecision: { state: 'pending', decisionNumber: null, reasons: [], review: null },
      },
    });
    expect(view.openDeadlines.map((d: { kind: string }) => d.kind)).toEqual(['status-decision']);

    const refused = await post(`/cases/${caseId}/status-decision`, tokens.authority, {
      decision: 'refused',
      decisionNumber: '12/2026',
      decidedOn: isoDay(),
      reasons: ['No indicator of exploitation confirmed'],
    });
    view = await page(caseId, refused.position);
    expect(view.tracks.statusDecision).toEqual({
      state: 'refused',
      decisionNumber: '12/2026',
      decidedOn: isoDay(),
      reasons: ['No indicator of exploitation confirmed'],
      review: null,
    });
    const review = await post(`/cases/${caseId}/status-decision/review`, tokens.officer, { reason: 'New evidence' });
    view = await page(caseId, review.position);
    expect(view.tracks.statusDecision).toMatchObject({ state: 'refused', review: { pending: true } });
    expect(view.activeTracks).toEqual(['referral']);
    const granted = await post(`/cases/${caseId}/status-decision`, tokens.authority, {
      decision: 'granted',
      decisionNumber: '13/2026',
      decidedOn: isoDay(),
    });
    view = await page(caseId, granted.position);
    expect(view).toMatchObject({
      status: 'victim',
      tracks: { statusDecision: { state: 'granted', decisionNumber: '13/2026', review: { pending: false } } },
    });

    const started = await post(`/cases/${caseId}/reflection-period`, tokens.officer, {});
    const extended = await post(`/cases/${caseId}/reflection-period/extension`, tokens.officer, {
      days: 15,
      reason: 'Medical treatment',
    });
    view = await page(caseId, extended.position);
    expect(started.position).toBeDefined();
    expect(view).toMatchObject({
      stage: 'reflection-period',
      activeTracks: ['reflection-period'],
      tracks: {
        reflectionPeriod: { state: 'active', days: 30, extensions: [{ days: 15 }], outcome: null, periods: 1 },
      },
    });
    expect(view.tracks.reflectionPeriod.endsAt).toBe(view.tracks.reflectionPeriod.extensions[0].endsAt);
    expect(view.openDeadlines.map((d: { kind: string }) => d.kind)).toContain('reflection-period');

    // A shelter: the person checks in while the reflection period runs.
    const shelter = await post('/shelters', tokens.coordinator, umidShelter());
    const placementRequest = await post(`/cases/${caseId}/placements`, tokens.officer, {
      shelterId: shelter.shelterId,
      needs: ['interpreter'],
    });
    const placementId = placementRequest.placementId!;
    await post(`/placements/${placementId}/accept`, tokens.staff);
    const checkedIn = await post(`/placements/${placementId}/check-in`, tokens.staff);
    view = await page(caseId, checkedIn.position);
    expect(view).toMatchObject({
      stage: 'shelter',
      activeTracks: ['reflection-period', 'shelter'],
      placement: { placementId, state: 'checked-in', shelterName: 'Ümid evi' },
      tracks: {
        placements: [
          {
            placementId,
            shelterId: shelter.shelterId,
            shelterName: 'Ümid evi',
            state: 'checked-in',
            needs: ['interpreter'],
            acceptedAt: expect.any(String),
            checkedInAt: expect.any(String),
            checkedOutOn: null,
          },
        ],
      },
    });
    expect(view.tracks.placements[0]).not.toHaveProperty('shelterRevision');
    expect(await listIds('stage=shelter', checkedIn.position)).toContain(caseId);
    expect(await listIds('track=reflection-period', checkedIn.position)).toContain(caseId);
    expect(await listIds('stage=reflection-period', checkedIn.position)).not.toContain(caseId);

    // The care view: what care needs, nothing of the status decision.
    const care = await page(caseId, checkedIn.position, tokens.staff);
    expect(care).toMatchObject({ view: 'care', stage: 'shelter', placement: { state: 'checked-in' } });
    expect(Object.keys(care.tracks).sort()).toEqual(['childProtection', 'placements']);
    expect(care.openDeadlines.every((d: { kind: string }) => d.kind === 'shelter-stay')).toBe(true);
    expect(JSON.stringify(care)).not.toContain('12/2026');

    // She chooses to return: a repatriation in progress is the stage, over the shelter.
    const ended = await post(`/cases/${caseId}/reflection-period/end`, tokens.officer, { outcome: 'chose-to-return' });
    view = await page(caseId, ended.position);
    expect(view.tracks.reflectionPeriod).toMatchObject({ state: 'ended', outcome: 'chose-to-return' });
    const repatriation = await post(`/cases/${caseId}/repatriation`, tokens.officer, {
      destinationCountry: 'UZ',
      voluntaryConsent: true,
    });
    await post(`/cases/${caseId}/repatriation/risk-assessment`, tokens.officer, { level: 'medium', mitigated: true });
    await post(`/cases/${caseId}/repatriation/travel-documents`, tokens.officer, {
      documents: ['certificate-of-return'],
      issuedBy: 'Embassy of Uzbekistan',
    });
    const scheduled = await post(`/cases/${caseId}/repatriation/schedule`, tokens.officer, { travelDate: isoDay(10) });
    view = await page(caseId, scheduled.position);
    expect(repatriation.position).toBeDefined();
    expect(view).toMatchObject({
      stage: 'repatriation',
      activeTracks: ['shelter', 'repatriation'],
      tracks: {
        repatriation: {
          state: 'scheduled',
          destinationCountry: 'UZ',
          voluntaryConsent: true,
          consentRecordedAt: expect.any(String),
          risk: { level: 'medium', mitigated: true },
          documents: ['certificate-of-return'],
          travelDate: isoDay(10),
        },
      },
    });
    expect(await listIds('stage=repatriation', scheduled.position)).toContain(caseId);
    expect(await listIds('track=shelter', scheduled.position)).toContain(caseId);

    const plan = await post(`/cases/${caseId}/reintegration-plan`, tokens.officer, {
      goals: [
        { domain: 'housing', description: 'A flat in Tashkent' },
        { domain: 'employment', description: 'Vocational training', targetDate: isoDay(120) },
      ],
    });
    const service = await post(`/cases/${caseId}/reintegration/services`, tokens.officer, {
      domain: 'housing',
      providerOrgId: 'iom-uz',
      description: 'Rent paid for three months',
      deliveredOn: isoDay(),
    });
    view = await page(caseId, service.position);
    expect(plan.position).toBeDefined();
    expect(view.tracks.reintegration).toMatchObject({
      state: 'active',
      goals: [
        { domain: 'housing', description: 'A flat in Tashkent', targetDate: null },
        { domain: 'employment', description: 'Vocational training', targetDate: isoDay(120) },
      ],
      services: [{ domain: 'housing', providerOrgId: 'iom-uz', deliveredOn: isoDay() }],
      lastReview: null,
      nextReviewDue: isoDay(90),
    });

    // The closure waits for the check-out (a closed case never holds a bed), then shows on the page.
    const out = await post(`/placements/${placementId}/check-out`, tokens.staff, {
      reason: 'Travels home',
      date: isoDay(),
    });
    const closed = await post(`/cases/${caseId}/close`, tokens.officer, { reason: 'repatriated' });
    view = await page(caseId, closed.position);
    expect(out.position).toBeDefined();
    expect(view).toMatchObject({
      stage: 'closed',
      activeTracks: ['closed'],
      placement: { state: 'checked-out' },
      tracks: { closure: { state: 'closed', reason: 'repatriated', closedAt: expect.any(String), reopenedAt: null } },
    });
    const reopened = await post(`/cases/${caseId}/reopen`, tokens.officer, { reason: 'She came back' });
    view = await page(caseId, reopened.position);
    expect(view).toMatchObject({ stage: 'repatriation', tracks: { closure: { state: 'reopened' } } });
  });

  it("a child's journey: the child-protection notice and the guardian on the page, the guardian in the care view", async () => {
    const body = validCase();
    const opened = await post('/cases', tokens.officer, {
      ...body,
      person: { ...body.person, dateOfBirth: '2012-05-01' },
    });
    const caseId = opened.caseId!;
    let view = await page(caseId, opened.position);
    expect(view).toMatchObject({ isChild: true, tracks: { childProtection: { notice: null, guardian: null } } });
    expect(view.openDeadlines.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'child-protection-notice',
      'hand-over',
    ]);

    const notifiedAt = new Date().toISOString();
    await post(`/cases/${caseId}/child-protection-notification`, tokens.officer, {
      childProtectionOrgId: 'child-protection-baku',
      notifiedAt,
    });
    const appointed = await post(`/cases/${caseId}/guardian`, tokens.officer, {
      guardianName: 'Leyla Həsənova',
      appointedBy: 'guardianship-baku',
      appointedOn: isoDay(),
    });
    view = await page(caseId, appointed.position);
    expect(view.tracks.childProtection).toEqual({
      notice: { childProtectionOrgId: 'child-protection-baku', notifiedAt },
      guardian: { name: 'Leyla Həsənova', appointedBy: 'guardianship-baku', appointedOn: isoDay() },
    });
    expect(view.openDeadlines.map((d: { kind: string }) => d.kind)).toEqual(['hand-over']);

    const shelter = await post('/shelters', tokens.coordinator, {
      name: 'Uşaq evi',
      operatorOrgId: 'ngo-umid',
      region: 'Bakı',
      beds: 2,
      accepts: ['children'],
    });
    const requested = await post(`/cases/${caseId}/placements`, tokens.officer, {
      shelterId: shelter.shelterId,
      needs: [],
    });
    const care = await page(caseId, requested.position, tokens.staff);
    expect(care).toMatchObject({
      view: 'care',
      placement: { state: 'requested', shelterName: 'Uşaq evi' },
      tracks: { childProtection: { guardian: { name: 'Leyla Həsənova' } } },
    });
    expect(care.openDeadlines.map((d: { kind: string }) => d.kind)).toEqual(['shelter-answer']);
  });
});
