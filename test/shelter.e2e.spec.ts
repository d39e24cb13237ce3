import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { entrySaying } from './support/timeline';
import { analyst, officersAndCoordinator, shelterStaff } from './support/tokens';
import { expectRefusedWithNothingAppended } from './support/refusals';
import { requestsTo } from './support/requests';
import { isoDay } from './support/dates';

describe('Shelters and placements through HTTP', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officersAndCoordinator('officer-a'),
      staff: shelterStaff('ngo-tamas'),
      otherStaff: shelterStaff('ngo-other', 'staff-x'),
      statistician: analyst(),
    },
  });
  const { tokens } = t;

  const { post, get } = requestsTo(t);

  const shelterBody = (overrides: object = {}) => ({
    name: 'Bakı Qadın Sığınacağı',
    operatorOrgId: 'ngo-tamas',
    region: 'Bakı',
    beds: 2,
    accepts: ['women', 'children'],
    ...overrides,
  });

  async function registerShelter(overrides: object = {}): Promise<string> {
    const res = await post('/shelters', tokens.coordinator, shelterBody(overrides));
    expect(res.status).toBe(201);
    return res.body.shelterId;
  }

  async function openCase(person: object = {}, token = tokens.officer): Promise<string> {
    const body = validCase();
    const res = await post('/cases', token, { ...body, person: { ...body.person, ...person } });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  async function requestPlacement(caseId: string, shelterId: string, token = tokens.officer) {
    const res = await post(`/cases/${caseId}/placements`, token, { shelterId, needs: ['medical-care'] });
    expect(res.status).toBe(201);
    // The placements read model finds the shelter of a placement: read our write before answering it.
    const read = await get(`/shelters/${shelterId}?minPosition=${res.body.position}`, tokens.coordinator);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
    return res.body as { placementId: string; position: string; revision: number };
  }

  /** A refusal: problem+json naming the rule, nothing appended. */
  const expectRefused = (send: () => Promise<request.Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);

  describe('registering and listing shelters', () => {
    it('registers a shelter and lists it with its free beds', async () => {
      const res = await post(
        '/shelters',
        tokens.coordinator,
        shelterBody({ name: 'Gəncə Sığınacağı', region: 'Gəncə', beds: 7 }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ shelterId: expect.any(String), revision: 0, position: expect.any(String) });
      expect(res.headers.etag).toBe('"0"');

      const list = await get(`/shelters?region=Gəncə&minPosition=${res.body.position}`, tokens.officer);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: res.body.shelterId,
          name: 'Gəncə Sığınacağı',
          operatorOrgId: 'ngo-tamas',
          region: 'Gəncə',
          accepts: ['women', 'children'],
          beds: 7,
          occupied: 0,
          freeBeds: 7,
        }),
      ]);
      const one = await get(`/shelters/${res.body.shelterId}`, tokens.staff);
      expect(one.status).toBe(200);
      expect(one.headers.etag).toBe('"0"');
      expect(one.body).toMatchObject({ id: res.body.shelterId, freeBeds: 7, placements: [] });
    });

    it('lets only coordinators and admins register; analysts may not read shelters', async () => {
      expect((await post('/shelters', tokens.officer, shelterBody())).status).toBe(403);
      expect((await post('/shelters', tokens.staff, shelterBody())).status).toBe(403);
      expect((await get('/shelters', tokens.statistician)).status).toBe(403);
      expect((await get('/shelters', tokens.staff)).status).toBe(200);
    });

    it('refuses invalid input naming every bad field', async () => {
      const res = await post('/shelters', tokens.coordinator, { ...shelterBody({ beds: 0, accepts: [] }), rooms: 3 });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['beds', 'accepts', 'rooms']));
      expect(
        (await post('/shelters', tokens.coordinator, shelterBody({ beds: 501, accepts: ['elderly'] }))).status,
      ).toBe(400);
    });

    it('answers 404 for an unknown shelter', async () => {
      expect((await get('/shelters/00000000-0000-4000-8000-000000000000', tokens.coordinator)).status).toBe(404);
    });
  });

  describe('a placement from request to check-out', () => {
    it('requests, accepts, checks in and out; the bed is taken then freed; the timeline shows each step', async () => {
      const shelterId = await registerShelter();
      const caseId = await openCase();
      const { placementId } = await requestPlacement(caseId, shelterId);
      /** `action` (accept, decline, check-in, check-out) on this placement, as `token`. */
      const onPlacement = (action: string, token: string, body: object = {}) =>
        post(`/placements/${placementId}/${action}`, token, body);

      let shelter = await get(`/shelters/${shelterId}`, tokens.staff);
      expect(shelter.body.placements).toEqual([
        expect.objectContaining({ placementId, caseId, status: 'requested', needs: ['medical-care'] }),
      ]);

      // Only the operator's staff (or a coordinator) answer: others are refused with 403.
      expect((await onPlacement('accept', tokens.otherStaff)).status).toBe(403);
      expect((await onPlacement('accept', tokens.officer)).status).toBe(403);

      const accepted = await onPlacement('accept', tokens.staff);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ shelterId, placementId, revision: 2 });
      expect(accepted.headers.etag).toBe('"2"');
      shelter = await get(`/shelters/${shelterId}?minPosition=${accepted.body.position}`, tokens.staff);
      expect(shelter.body).toMatchObject({ occupied: 1, freeBeds: 1 });

      await expectRefused(() => onPlacement('accept', tokens.staff), 409, 'placement-requested');
      await expectRefused(() => onPlacement('decline', tokens.staff, { reason: 'late' }), 409, 'placement-requested');
      await expectRefused(
        () => onPlacement('check-out', tokens.staff, { reason: 'left', date: '2026-11-21' }),
        409,
        'check-out-needs-check-in',
      );

      const checkedIn = await onPlacement('check-in', tokens.coordinator);
      expect(checkedIn.status).toBe(200);
      await expectRefused(() => onPlacement('check-in', tokens.staff), 409, 'check-in-needs-acceptance');
      await expectRefused(
        () => onPlacement('check-out', tokens.staff, { reason: 'left', date: '2999-01-01' }),
        422,
        'checked-out-on-not-in-future',
      );

      const today = isoDay();
      const checkedOut = await onPlacement('check-out', tokens.staff, {
        reason: 'Moved in with family',
        date: today,
      });
      expect(checkedOut.status).toBe(200);
      shelter = await get(`/shelters/${shelterId}?minPosition=${checkedOut.body.position}`, tokens.staff);
      expect(shelter.body).toMatchObject({ occupied: 0, freeBeds: 2 });
      expect(shelter.body.placements[0]).toMatchObject({
        status: 'checked-out',
        checkedOutOn: today,
        reason: 'Moved in with family',
        checkedInAt: expect.any(String),
      });

      const timeline = await get(`/cases/${caseId}/timeline?minPosition=${checkedOut.body.position}`, tokens.officer);
      expect(timeline.status).toBe(200);
      const entries = timeline.body.entries.filter((e: { event: string }) => e.event.startsWith('Placement'));
      expect(entries.map((e: { event: string }) => e.event)).toEqual([
        'PlacementRequested',
        'PlacementAccepted',
        'PlacementCheckedIn',
        'PlacementCheckedOut',
      ]);
      expect(entries[0]).toMatchObject(
        entrySaying('Bakı Qadın Sığınacağı', { userId: 'officer-a', organisationId: 'police-baku' }),
      );
      expect(entries[1].by).toMatchObject({ userId: 'staff-1', organisationId: 'ngo-tamas' });
      expect(entries[2].by).toMatchObject({ userId: 'coordinator-1' });
      // The reason is personal data: never on the timeline.
      expect(JSON.stringify(entries)).not.toContain('Moved in with family');
    });

    it('declines a request (freeing nothing), and then takes a new one for the same case', async () => {
      const shelterId = await registerShelter({ beds: 1 });
      const caseId = await openCase();
      const first = await requestPlacement(caseId, shelterId);
      await expectRefused(
        () => post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] }),
        409,
        'one-open-placement-per-shelter',
      );
      await expectRefused(
        () => post(`/placements/${first.placementId}/check-in`, tokens.staff),
        409,
        'check-in-needs-acceptance',
      );
      const declined = await post(`/placements/${first.placementId}/decline`, tokens.staff, {
        reason: 'No suitable room',
      });
      expect(declined.status).toBe(200);
      const shelter = await get(`/shelters/${shelterId}?minPosition=${declined.body.position}`, tokens.staff);
      expect(shelter.body).toMatchObject({ occupied: 0, freeBeds: 1 });
      expect(shelter.body.placements[0]).toMatchObject({ status: 'declined', decidedAt: expect.any(String) });
      await requestPlacement(caseId, shelterId);
    });

    it('answers 404 for an unknown placement, and for a case the caller may not see', async () => {
      const shelterId = await registerShelter();
      expect((await post('/placements/00000000-0000-4000-8000-000000000000/accept', tokens.staff)).status).toBe(404);
      const caseId = await openCase();
      const before = await countEvents(t.database.url);
      const res = await post(`/cases/${caseId}/placements`, tokens.otherOfficer, { shelterId, needs: [] });
      expect(res.status).toBe(404);
      expect((await post(`/cases/${caseId}/placements`, tokens.officer, { shelterId: caseId, needs: [] })).status).toBe(
        404,
      );
      expect(await countEvents(t.database.url)).toBe(before);
      expect((await post(`/cases/${caseId}/placements`, tokens.staff, { shelterId, needs: [] })).status).toBe(403);
      const invalid = await post(`/cases/${caseId}/placements`, tokens.officer, {
        shelterId: 'x',
        needs: ['Free text!'],
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['shelterId', 'needs']),
      );
    });
  });

  describe('a placement request, the case and repeats', () => {
    it('refuses a placement for a closed case', async () => {
      const shelterId = await registerShelter();
      const caseId = await openCase();
      const closed = await post(`/cases/${caseId}/close`, tokens.coordinator, { reason: 'lost-contact' });
      expect(closed.status).toBe(200);
      await expectRefused(
        () => post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] }),
        409,
        'case-not-closed',
      );
    });

    it('the same Idempotency-Key and body gives the first answer and appends nothing', async () => {
      const shelterId = await registerShelter();
      const caseId = await openCase();
      const send = () =>
        post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: ['interpreter'] }).set(
          'Idempotency-Key',
          `placement-${caseId}`,
        );
      const first = await send();
      expect(first.status).toBe(201);
      const before = await countEvents(t.database.url);
      const again = await send();
      expect(again.body).toEqual(first.body);
      expect(await countEvents(t.database.url)).toBe(before);
    });

    it('If-Match on a placement request takes the ETag of the case', async () => {
      const shelterId = await registerShelter();
      const caseId = await openCase();
      const stale = await post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] }).set(
        'If-Match',
        '"5"',
      );
      expect(stale.status).toBe(412);
      const fresh = await post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] }).set(
        'If-Match',
        '"0"',
      );
      expect(fresh.status).toBe(201);
    });
  });

  describe('whom a shelter accepts', () => {
    const childPerson = { dateOfBirth: '2012-03-01' };

    it('a child needs an appointed guardian, and a shelter that accepts children', async () => {
      const womenOnly = await registerShelter({ accepts: ['women'] });
      const forChildren = await registerShelter({ accepts: ['children'] });
      const childCase = await openCase(childPerson);

      await expectRefused(
        () => post(`/cases/${childCase}/placements`, tokens.officer, { shelterId: forChildren, needs: [] }),
        422,
        'guardian-before-placement',
      );
      const guardian = await post(`/cases/${childCase}/guardian`, tokens.officer, {
        guardianName: 'Leyla Həsənova',
        appointedBy: 'guardianship-baku',
        appointedOn: '2026-11-20',
      });
      expect(guardian.status).toBe(200);
      await expectRefused(
        () => post(`/cases/${childCase}/placements`, tokens.officer, { shelterId: womenOnly, needs: [] }),
        422,
        'shelter-accepts-children',
      );
      await requestPlacement(childCase, forChildren);
    });

    it('a man only where men are accepted, a woman only where women are', async () => {
      const womenOnly = await registerShelter({ accepts: ['women'] });
      const menOnly = await registerShelter({ accepts: ['men'] });
      const man = await openCase({ givenName: 'Rauf', sex: 'male' });
      const woman = await openCase();
      await expectRefused(
        () => post(`/cases/${man}/placements`, tokens.officer, { shelterId: womenOnly, needs: [] }),
        422,
        'shelter-accepts-men',
      );
      await expectRefused(
        () => post(`/cases/${woman}/placements`, tokens.officer, { shelterId: menOnly, needs: [] }),
        422,
        'shelter-accepts-women',
      );
      await requestPlacement(man, menOnly);
    });
  });

  describe('capacity', () => {
    it('changes the beds; never fewer than are taken; only the operator or a coordinator', async () => {
      const shelterId = await registerShelter({ beds: 2 });
      const a = await requestPlacement(await openCase(), shelterId);
      const b = await requestPlacement(await openCase(), shelterId);
      expect((await post(`/placements/${a.placementId}/accept`, tokens.staff)).status).toBe(200);
      const acceptedB = await post(`/placements/${b.placementId}/accept`, tokens.staff);
      expect(acceptedB.status).toBe(200);

      await expectRefused(
        () => post(`/shelters/${shelterId}/capacity`, tokens.staff, { beds: 1, reason: 'Renovation' }),
        409,
        'capacity-below-occupancy',
      );
      expect((await post(`/shelters/${shelterId}/capacity`, tokens.otherStaff, { beds: 3, reason: 'x' })).status).toBe(
        403,
      );
      expect((await post(`/shelters/${shelterId}/capacity`, tokens.officer, { beds: 3, reason: 'x' })).status).toBe(
        403,
      );

      // Read our own write (the second acceptance) before taking the ETag.
      const read = await get(`/shelters/${shelterId}?minPosition=${acceptedB.body.position}`, tokens.staff);
      const stale = await post(`/shelters/${shelterId}/capacity`, tokens.staff, { beds: 3, reason: 'x' }).set(
        'If-Match',
        '"0"',
      );
      expect(stale.status).toBe(412);
      const changed = await post(`/shelters/${shelterId}/capacity`, tokens.staff, { beds: 3, reason: 'New wing' }).set(
        'If-Match',
        read.headers.etag,
      );
      expect(changed.status).toBe(200);
      const after = await get(`/shelters/${shelterId}?minPosition=${changed.body.position}`, tokens.coordinator);
      expect(after.body).toMatchObject({ beds: 3, occupied: 2, freeBeds: 1 });
      expect((await post(`/shelters/${shelterId}/capacity`, tokens.coordinator, { beds: 0, reason: 'x' })).status).toBe(
        400,
      );
    });
  });

  it('50 concurrent accepts at the last bed: exactly one wins, 49 are refused as shelter-full, appending nothing', async () => {
    const shelterId = await registerShelter({ beds: 1, name: 'Son çarpayı' });
    const caseIds: string[] = [];
    for (let i = 0; i < 50; i++) caseIds.push(await openCase({ givenName: `Person ${i}` }));
    // The requests race too (each re-decides on a conflict): all 50 are taken.
    const requests = await Promise.all(
      caseIds.map((caseId) => post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] })),
    );
    expect(requests.map((r) => r.status)).toEqual(caseIds.map(() => 201));
    const placements: string[] = requests.map((r) => r.body.placementId);
    const lastPosition = requests.map((r) => BigInt(r.body.position)).reduce((a, b) => (a > b ? a : b));
    const caughtUp = await get(`/shelters/${shelterId}?minPosition=${lastPosition}`, tokens.coordinator);
    expect(caughtUp.body.placements).toHaveLength(50);

    const before = await countEvents(t.database.url);
    const answers = await Promise.all(placements.map((id) => post(`/placements/${id}/accept`, tokens.staff)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.rule === 'shelter-full')).toBe(true);
    expect(await countEvents(t.database.url)).toBe(before + 1);

    const winner = answers.find((a) => a.status === 200)!;
    const shelter = await get(`/shelters/${shelterId}?minPosition=${winner.body.position}`, tokens.coordinator);
    expect(shelter.body).toMatchObject({ beds: 1, occupied: 1, freeBeds: 0 });
    expect(shelter.body.placements.filter((p: { status: string }) => p.status === 'accepted')).toHaveLength(1);
  });
});
