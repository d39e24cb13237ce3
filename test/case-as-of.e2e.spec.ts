import { umidShelter, validCase } from './support/case-bodies';
import { useTestApp } from './support/test-app';
import { competentAuthority, officersAndCoordinator, shelterStaff } from './support/tokens';
import { asBearer, postAccepted } from './support/requests';
import { DAY_MS, isoDay } from './support/dates';

interface TimelineEntry {
  event: string;
  at: string;
  revision: number;
}

/** The instant just before one: what was known then excludes the entry recorded at `at`. */
const justBefore = (at: string) => new Date(new Date(at).getTime() - 1).toISOString();

/**
 * The case as of any moment (issue 13, part 1): the page and the timeline as they were recorded at
 * a past instant. The instants are taken from the timeline (`at`: when each entry was recorded), so
 * every "as of" lies exactly before or at an entry.
 */
describe('GET /cases/{id}?asOf=: the case as it was recorded at an instant', () => {
  let caseId: string;
  let lastPosition: string;

  const t = useTestApp({
    users: {
      ...officersAndCoordinator('officer-asof'),
      authority: competentAuthority(),
      staff: shelterStaff('ngo-umid', 'staff-asof'),
    },
  });
  const { tokens } = t;

  const post = async (path: string, token: string, body: object = {}) => {
    const accepted = await postAccepted(t.http, token, path, body);
    lastPosition = accepted.position;
    return accepted;
  };
  const get = (path: string, token = tokens.coordinator) => asBearer(t.http, token).get(path);
  const asOf = (instant: string, token = tokens.coordinator) =>
    get(`/cases/${caseId}?asOf=${encodeURIComponent(instant)}&minPosition=${lastPosition}`, token);
  const timeline = async (query = ''): Promise<TimelineEntry[]> => {
    const res = await get(`/cases/${caseId}/timeline?minPosition=${lastPosition}${query}`);
    expect(res.status).toBe(200);
    return res.body.entries;
  };
  const recordedAt = async (event: string) => {
    const entry = (await timeline()).find((e) => e.event === event);
    expect(entry).toBeDefined();
    return entry!.at;
  };

  it('a late entry is absent before it was recorded, and present from then with the date it happened', async () => {
    const body = validCase();
    const identifiedAt = new Date(Date.now() - 10 * DAY_MS).toISOString();
    caseId = (
      await post('/cases', tokens.officer, { ...body, identification: { ...body.identification, identifiedAt } })
    ).caseId!;
    await post(`/cases/${caseId}/referral`, tokens.officer, { competentAuthorityOrgId: 'mia-anti-trafficking' });
    // Decided last week, recorded now.
    await post(`/cases/${caseId}/status-decision`, tokens.authority, {
      decision: 'granted',
      decisionNumber: '77/2026',
      decidedOn: isoDay(-7),
    });
    const opened = await recordedAt('CaseOpened');
    const decided = await recordedAt('VictimStatusGranted');

    const before = await asOf(justBefore(decided));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      id: caseId,
      view: 'full',
      revision: 1,
      status: 'presumed-victim',
      stage: 'referral',
      asOf: justBefore(decided),
      openDeadlines: null,
      nextDeadline: null,
      person: { givenName: 'Aysel' },
      holder: { organisationId: 'police-baku', referredToOrganisationId: 'mia-anti-trafficking' },
    });
    expect(before.body.tracks.statusDecision).toMatchObject({ state: 'pending', decidedOn: null });
    expect(before.headers.etag).toBe('"1"');

    const after = await asOf(decided);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ revision: 2, status: 'victim' });
    expect(after.body.tracks.statusDecision).toMatchObject({
      state: 'granted',
      decisionNumber: '77/2026',
      decidedOn: isoDay(-7),
    });
    expect(after.headers.etag).toBe('"2"');

    // What happened ten days ago was not known then: the case was recorded only today.
    expect((await asOf(identifiedAt)).status).toBe(404);
    expect((await asOf(justBefore(opened))).status).toBe(404);
    expect((await asOf(opened)).body).toMatchObject({ revision: 0, stage: 'identification' });

    // Now: the live page, with its deadline board.
    const now = await get(`/cases/${caseId}?minPosition=${lastPosition}`);
    expect(now.body).not.toHaveProperty('asOf');
    expect(Array.isArray(now.body.openDeadlines)).toBe(true);
  });

  it('the timeline as of an instant lists only the entries recorded by then', async () => {
    const decided = await recordedAt('VictimStatusGranted');
    expect((await timeline(`&asOf=${encodeURIComponent(justBefore(decided))}`)).map((e) => e.event)).toEqual([
      'CaseOpened',
      'CaseReferred',
    ]);
    expect((await timeline(`&asOf=${encodeURIComponent(decided)}`)).map((e) => e.event)).toEqual([
      'CaseOpened',
      'CaseReferred',
      'VictimStatusGranted',
    ]);
    const opened = await recordedAt('CaseOpened');
    const none = await get(`/cases/${caseId}/timeline?asOf=${encodeURIComponent(justBefore(opened))}`);
    expect(none.status).toBe(404);
  });

  it("a placement shows as it stood then; shelter staff see then's care view of their own shelter", async () => {
    const shelter = await post('/shelters', tokens.coordinator, umidShelter());
    const placementId = (
      await post(`/cases/${caseId}/placements`, tokens.officer, {
        shelterId: shelter.shelterId,
        needs: ['interpreter'],
      })
    ).placementId!;
    await post(`/placements/${placementId}/accept`, tokens.staff);
    await post(`/placements/${placementId}/check-in`, tokens.staff);
    const requested = await recordedAt('PlacementRequested');
    const accepted = await recordedAt('PlacementAccepted');

    const beforeRequest = await asOf(justBefore(requested));
    expect(beforeRequest.body.tracks.placements).toEqual([]);
    const atAcceptance = await asOf(accepted);
    expect(atAcceptance.body).toMatchObject({ revision: 2, stage: 'referral' });
    expect(atAcceptance.body.tracks.placements).toEqual([
      expect.objectContaining({ placementId, state: 'accepted', checkedInAt: null, needs: ['interpreter'] }),
    ]);
    expect((await asOf(await recordedAt('PlacementCheckedIn'))).body).toMatchObject({
      stage: 'shelter',
      placement: { placementId, state: 'checked-in' },
    });

    // Shelter staff may see the case now (checked in): the care view, applied to the past.
    const care = await asOf(accepted, tokens.staff);
    expect(care.status).toBe(200);
    expect(care.body).toMatchObject({ view: 'care', asOf: accepted, person: { givenName: 'Aysel' } });
    expect(care.body.tracks).toEqual({
      placements: [expect.objectContaining({ placementId, state: 'accepted' })],
      childProtection: null,
    });
    for (const hidden of ['narrative', 'exploitationTypes', 'identification', 'indicators', 'holder', 'openedBy']) {
      expect(care.body).not.toHaveProperty(hidden);
    }
    expect((await asOf(justBefore(requested), tokens.staff)).body.tracks.placements).toEqual([]);
  });

  it('who may not see the case now may not see its past either; shelter staff have no timeline', async () => {
    const decided = await recordedAt('VictimStatusGranted');
    const elsewhere = await asOf(decided, tokens.otherOfficer);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ status: 404 });
    const staffTimeline = await get(`/cases/${caseId}/timeline?asOf=${encodeURIComponent(decided)}`, tokens.staff);
    expect(staffTimeline.status).toBe(403);
  });

  it('the access log says which reads were historical, and as of when', async () => {
    const decided = await recordedAt('VictimStatusGranted');
    expect((await asOf(decided, tokens.officer)).status).toBe(200);
    expect((await get(`/cases/${caseId}/timeline?asOf=${encodeURIComponent(decided)}`, tokens.officer)).status).toBe(
      200,
    );
    expect((await get(`/cases/${caseId}?minPosition=${lastPosition}`, tokens.officer)).status).toBe(200);
    const log = await get(`/cases/${caseId}/access-log?pageSize=200`);
    expect(log.status).toBe(200);
    const reads = (log.body.items as { type: string; by: { userId: string }; endpoint: string; asOf: string | null }[])
      .filter((item) => item.type === 'read' && item.by.userId === 'officer-asof')
      .map(({ endpoint, asOf: instant }) => ({ endpoint, asOf: instant }));
    expect(reads).toEqual([
      { endpoint: 'GET /cases/{id}', asOf: decided },
      { endpoint: 'GET /cases/{id}/timeline', asOf: decided },
      { endpoint: 'GET /cases/{id}', asOf: null },
    ]);
    const staffReads = (log.body.items as { type: string; by: { userId: string }; asOf: string | null }[]).filter(
      (item) => item.type === 'read' && item.by.userId === 'staff-asof',
    );
    expect(staffReads.map((read) => read.asOf)).toContain(await recordedAt('PlacementAccepted'));
  });

  it('data erased since stays erased in the past, on the page and on the timeline', async () => {
    const decided = await recordedAt('VictimStatusGranted');
    expect((await asOf(decided)).body.person).toMatchObject({ givenName: 'Aysel', familyName: 'Məmmədova' });
    await post(`/cases/${caseId}/erase-personal-data`, tokens.coordinator, {
      legalBasis: { authority: 'court', decisionNumber: '2(103)-9/2026', decidedOn: isoDay(0) },
    });
    const erasedSince = await asOf(decided);
    expect(erasedSince.status).toBe(200);
    expect(erasedSince.body).toMatchObject({
      revision: 2,
      person: null,
      narrative: null,
      displayName: null,
      personalDataErased: true,
      status: 'victim',
    });
    const pastTimeline = await timeline(`&asOf=${encodeURIComponent(decided)}`);
    expect(pastTimeline.map((e) => e.event)).toEqual(['CaseOpened', 'CaseReferred', 'VictimStatusGranted']);
    expect(JSON.stringify(pastTimeline)).not.toMatch(/Aysel|Məmmədova|Passport held/);
    const careSince = await asOf(await recordedAt('PlacementAccepted'), tokens.staff);
    expect(careSince.body).toMatchObject({ person: null, personalDataErased: true });
  });

  it.each([
    ['a word', 'yesterday'],
    ['a date without a time', '2026-11-20'],
    ['a time without an offset', '2026-11-20T10:00:00'],
    ['an impossible date', '2026-13-40T10:00:00Z'],
    ['an empty value', ''],
  ])('asOf as %s is refused 400 naming asOf, on the page and the timeline', async (_what, value) => {
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/timeline`]) {
      const res = await get(`${path}?asOf=${encodeURIComponent(value)}`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.body)).toMatch(/asOf/);
    }
  });

  it('an instant still to come shows what is recorded so far, and is audited as asked', async () => {
    const future = new Date(Date.now() + 365 * DAY_MS).toISOString();
    const current = await get(`/cases/${caseId}?minPosition=${lastPosition}`);
    const later = await asOf(future);
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ asOf: future, revision: current.body.revision, stage: current.body.stage });
    const log = await get(`/cases/${caseId}/access-log?pageSize=200`);
    expect((log.body.items as { asOf?: string | null }[]).map((item) => item.asOf)).toContain(future);
  });
});
