import request from 'supertest';
import { validCase } from './support/case-bodies';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { caseWorker, competentAuthority, coordinator, responder, shelterStaff } from './support/tokens';
import { isoDay } from './support/dates';

/**
 * The two journeys of issue 3, scripted through HTTP only, as the people involved would make them:
 * an adult foreign national who goes home, and a child citizen who stays and is reintegrated.
 */
describe('Case journeys through the API', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      police: responder('police-baku', 'officer-aliyev'),
      authority: competentAuthority('officer-mia', 'MIA anti-trafficking officer'),
      coordinator: coordinator(),
      caseWorker: caseWorker({ sub: 'worker-1', orgType: 'police' }),
      shelter: shelterStaff(),
    },
  });
  const { tokens } = t;
  const today = isoDay();

  async function post(who: keyof typeof tokens, path: string, body: object, expected = 200) {
    const response = await request(t.http).post(path).set('Authorization', `Bearer ${tokens[who]}`).send(body);
    if (response.status !== expected) {
      throw new Error(`POST ${path} as ${who}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async function timelineOf(caseId: string, position: string) {
    const response = await request(t.http)
      .get(`/cases/${caseId}/timeline?minPosition=${position}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(response.status).toBe(200);
    return response.body.entries as { event: string; at: string; by: { userId: string; organisationId: string } }[];
  }

  async function registerShelter(accepts: string[]) {
    const shelter = await post(
      'coordinator',
      '/shelters',
      { name: `Shelter ${accepts.join('+')}`, operatorOrgId: 'ngo-tamas', region: 'Bakı', beds: 4, accepts },
      201,
    );
    await request(t.http)
      .get(`/shelters/${shelter.shelterId}?minPosition=${shelter.position}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`);
    return shelter.shelterId as string;
  }

  /** Requests a placement and lets the shelter accept it and check the person in. */
  async function placeInShelter(caseId: string, shelterId: string) {
    const requested = await post('caseWorker', `/cases/${caseId}/placements`, { shelterId, needs: ['bed'] }, 201);
    await request(t.http)
      .get(`/shelters/${shelterId}?minPosition=${requested.position}`)
      .set('Authorization', `Bearer ${tokens.shelter}`);
    await post('shelter', `/placements/${requested.placementId}/accept`, {});
    return (await post('shelter', `/placements/${requested.placementId}/check-in`, {})).position as string;
  }

  it('an adult foreign national: identification → referral → status granted → reflection period → shelter → repatriation → closure', async () => {
    const opened = await post('police', '/cases', validCase(), 201);
    const id = opened.caseId as string;
    await post('police', `/cases/${id}/referral`, { competentAuthorityOrgId: 'mia-anti-trafficking' });
    await post('authority', `/cases/${id}/status-decision`, {
      decision: 'granted',
      decisionNumber: '123/2026',
      decidedOn: today,
    });
    await post('caseWorker', `/cases/${id}/reflection-period`, {});
    const shelterId = await registerShelter(['women']);
    await placeInShelter(id, shelterId);
    await post('caseWorker', `/cases/${id}/reflection-period/end`, { outcome: 'chose-to-return' });
    await post('caseWorker', `/cases/${id}/repatriation`, { destinationCountry: 'UZ', voluntaryConsent: true });
    await post('caseWorker', `/cases/${id}/repatriation/risk-assessment`, { level: 'low' });
    await post('caseWorker', `/cases/${id}/repatriation/travel-documents`, {
      documents: ['certificate-of-return'],
      issuedBy: 'consulate-uz',
    });
    await post('caseWorker', `/cases/${id}/repatriation/schedule`, { travelDate: today });
    await post('caseWorker', `/cases/${id}/repatriation/complete`, { arrivedOn: today });
    const closed = await post('coordinator', `/cases/${id}/close`, { reason: 'repatriated' });

    const entries = await timelineOf(id, closed.position);
    expect(entries.map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'CaseReferred',
      'VictimStatusGranted',
      'ReflectionPeriodStarted',
      'PlacementRequested',
      'PlacementAccepted',
      'PlacementCheckedIn',
      'ReflectionPeriodEnded',
      'RepatriationRequested',
      'RepatriationRiskAssessed',
      'TravelDocumentsRecorded',
      'RepatriationScheduled',
      'RepatriationCompleted',
      'CaseClosed',
    ]);
    expect(entries.every((entry) => entry.by.userId && entry.by.organisationId && entry.at)).toBe(true);
    expect(entries.find((entry) => entry.event === 'VictimStatusGranted')?.by.organisationId).toBe(
      'mia-anti-trafficking',
    );
    expect(entries.find((entry) => entry.event === 'PlacementAccepted')?.by.organisationId).toBe('ngo-tamas');

    const summary = await request(t.http).get(`/cases/${id}`).set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(summary.body).toMatchObject({ stage: 'closed', status: 'victim' });
  });

  it('a child citizen: identification → referral → guardian → child shelter → reintegration plan, services, review → closure', async () => {
    const { dateOfBirth: _unknown, ...person } = validCase().person;
    const body = { ...validCase(), person: { ...person, citizenship: 'AZ', estimatedAge: 15 } };
    body.consentToReferral = false;
    const opened = await post('police', '/cases', body, 201);
    const id = opened.caseId as string;
    await post('police', `/cases/${id}/child-protection-notification`, {
      childProtectionOrgId: 'state-committee-family-women-children',
      notifiedAt: new Date().toISOString(),
    });
    await post('police', `/cases/${id}/referral`, { competentAuthorityOrgId: 'mia-anti-trafficking' });
    await post('caseWorker', `/cases/${id}/guardian`, {
      guardianName: 'Günel Həsənova',
      appointedBy: 'guardianship-authority-baku',
      appointedOn: today,
    });
    const shelterId = await registerShelter(['children']);
    await placeInShelter(id, shelterId);
    await post('caseWorker', `/cases/${id}/reintegration-plan`, {
      goals: [
        { domain: 'education', description: 'Return to school' },
        { domain: 'psychological', description: 'Weekly counselling' },
      ],
    });
    await post('caseWorker', `/cases/${id}/reintegration/services`, {
      domain: 'education',
      providerOrgId: 'school-27',
      description: 'Enrolled in grade 9',
      deliveredOn: today,
    });
    await post('caseWorker', `/cases/${id}/reintegration/reviews`, { reviewedOn: today, progress: 'on-track' });
    const closed = await post('coordinator', `/cases/${id}/close`, { reason: 'reintegrated' });

    const entries = await timelineOf(id, closed.position);
    expect(entries.map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'ChildProtectionNotified',
      'CaseReferred',
      'GuardianAppointed',
      'PlacementRequested',
      'PlacementAccepted',
      'PlacementCheckedIn',
      'ReintegrationPlanAdopted',
      'ReintegrationServiceDelivered',
      'ReintegrationReviewed',
      'CaseClosed',
    ]);
    expect(JSON.stringify(entries)).not.toContain('Günel');
    const summary = await request(t.http).get(`/cases/${id}`).set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(summary.body).toMatchObject({ stage: 'closed', isChild: true });
  });
});
