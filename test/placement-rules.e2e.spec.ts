import request from 'supertest';
import { validCase } from './support/case-bodies';
import { startTestApp, type TestApp } from './support/test-app';
import { coordinator, responder, signToken, type TokenClaims } from './support/tokens';
import { expectRefusedWithNothingAppended } from './support/refusals';

const shelterStaff = (org = 'ngo-tamas', sub = 'staff-r'): TokenClaims => ({
  sub,
  name: `Staff ${sub}`,
  org,
  orgType: 'ngo',
  roles: ['shelter-staff'],
});

const ROUNDS = 30;

/**
 * Rules across the case and shelter streams (issue 11, items 1 and 4): a placement command checks the
 * case on the write side, a closure acts on the beds the case holds, and a placement is found on the
 * write side right after its request.
 */
describe('Placements and their case: rules across streams', () => {
  let t: TestApp;
  let coord: string;
  let officer: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    [coord, officer, staff] = await Promise.all([
      signToken(coordinator()),
      signToken(responder('police-baku', 'officer-p')),
      signToken(shelterStaff()),
    ]);
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body: object = {}) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const expectRefused = (send: () => Promise<request.Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);

  async function registerShelter(beds: number): Promise<string> {
    const res = await post('/shelters', coord, {
      name: `Sığınacaq ${beds}`,
      operatorOrgId: 'ngo-tamas',
      region: 'Bakı',
      beds,
      accepts: ['women', 'children'],
    });
    expect(res.status).toBe(201);
    return res.body.shelterId;
  }

  async function openCase(): Promise<string> {
    const res = await post('/cases', officer, validCase());
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  async function requestPlacement(caseId: string, shelterId: string): Promise<string> {
    const res = await post(`/cases/${caseId}/placements`, officer, { shelterId, needs: [] });
    expect(res.status).toBe(201);
    return res.body.placementId;
  }

  const maxPosition = (responses: request.Response[]) =>
    responses
      .map((r) => r.body.position)
      .filter((p): p is string => typeof p === 'string')
      .map(BigInt)
      .reduce((a, b) => (a > b ? a : b), 0n);

  it(`answers a command on a placement right after its request, ${ROUNDS} times: never 404`, async () => {
    const shelterId = await registerShelter(ROUNDS);
    const caseIds: string[] = [];
    for (let i = 0; i < ROUNDS; i++) caseIds.push(await openCase());
    const answers: request.Response[] = [];
    for (const [i, caseId] of caseIds.entries()) {
      const placementId = await requestPlacement(caseId, shelterId);
      // No read in between: the placement is found on the write side.
      answers.push(
        i % 2 === 0
          ? await post(`/placements/${placementId}/accept`, staff)
          : await post(`/placements/${placementId}/decline`, staff, { reason: 'No bed suited' }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual(caseIds.map(() => 200));
    const shelter = await get(`/shelters/${shelterId}?minPosition=${maxPosition(answers)}`, coord);
    expect(shelter.body).toMatchObject({ occupied: ROUNDS / 2, freeBeds: ROUNDS / 2 });
  });

  it('answers 404 for a placement that does not exist', async () => {
    const res = await post('/placements/00000000-0000-4000-8000-000000000000/accept', staff);
    expect(res.status).toBe(404);
  });

  it('a closed case refuses an accept (409 case-not-closed): no bed taken, nothing appended', async () => {
    const shelterId = await registerShelter(2);
    const caseId = await openCase();
    const placementId = await requestPlacement(caseId, shelterId);
    const closed = await post(`/cases/${caseId}/close`, officer, { reason: 'lost-contact' });
    expect(closed.status).toBe(200);

    await expectRefused(() => post(`/placements/${placementId}/accept`, staff), 409, 'case-not-closed');
    const shelter = await get(`/shelters/${shelterId}?minPosition=${closed.body.position}`, coord);
    expect(shelter.body).toMatchObject({ occupied: 0, freeBeds: 2 });
    // The shelter may still answer no to the request it holds.
    expect((await post(`/placements/${placementId}/decline`, staff, { reason: 'Case closed' })).status).toBe(200);
  });

  it('a closure is refused while the case holds a bed (409 closure-releases-beds-first); after the check-out it closes', async () => {
    const shelterId = await registerShelter(2);
    const caseId = await openCase();
    const placementId = await requestPlacement(caseId, shelterId);
    expect((await post(`/placements/${placementId}/accept`, staff)).status).toBe(200);
    await expectRefused(
      () => post(`/cases/${caseId}/close`, officer, { reason: 'lost-contact' }),
      409,
      'closure-releases-beds-first',
    );
    expect((await post(`/placements/${placementId}/check-in`, staff)).status).toBe(200);
    await expectRefused(
      () => post(`/cases/${caseId}/close`, officer, { reason: 'lost-contact' }),
      409,
      'closure-releases-beds-first',
    );
    const out = await post(`/placements/${placementId}/check-out`, staff, {
      reason: 'Moved to her family',
      date: new Date().toISOString().slice(0, 10),
    });
    expect(out.status).toBe(200);
    const closed = await post(`/cases/${caseId}/close`, officer, { reason: 'lost-contact' });
    expect(closed.status).toBe(200);
    const page = await get(`/cases/${caseId}?minPosition=${closed.body.position}`, coord);
    expect(page.body).toMatchObject({
      stage: 'closed',
      tracks: { placements: [{ placementId, state: 'checked-out' }] },
    });
  });

  it(`races a closure against an accept, ${ROUNDS} rounds: one wins, never a closed case holding a bed`, async () => {
    const shelterId = await registerShelter(ROUNDS);
    const rounds: { caseId: string; placementId: string }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const caseId = await openCase();
      rounds.push({ caseId, placementId: await requestPlacement(caseId, shelterId) });
    }
    const outcomes = await Promise.all(
      rounds.map(async ({ caseId, placementId }) => {
        const [close, accept] = await Promise.all([
          post(`/cases/${caseId}/close`, officer, { reason: 'lost-contact' }),
          post(`/placements/${placementId}/accept`, staff),
        ]);
        return { caseId, placementId, close, accept };
      }),
    );
    for (const { close, accept } of outcomes) {
      // Exactly one wins; the loser names the rule that refused it.
      expect([close.status, accept.status].sort()).toEqual([200, 409]);
      if (close.status === 409) expect(close.body.rule).toBe('closure-releases-beds-first');
      if (accept.status === 409) expect(accept.body.rule).toBe('case-not-closed');
    }
    const accepted = outcomes.filter((o) => o.accept.status === 200);
    const position = maxPosition(outcomes.flatMap((o) => [o.close, o.accept]));
    const shelter = await get(`/shelters/${shelterId}?minPosition=${position}`, coord);
    expect(shelter.body.occupied).toBe(accepted.length);
    for (const { caseId, placementId } of outcomes) {
      const page = await get(`/cases/${caseId}?minPosition=${position}`, coord);
      const placement = page.body.tracks.placements.find((p: { placementId: string }) => p.placementId === placementId);
      const holdsBed = placement.state === 'accepted' || placement.state === 'checked-in';
      expect({ caseId, closedWithBed: page.body.stage === 'closed' && holdsBed }).toEqual({
        caseId,
        closedWithBed: false,
      });
      const inShelter = shelter.body.placements.find((p: { placementId: string }) => p.placementId === placementId);
      expect(inShelter.status).toBe(placement.state);
    }
  });
});
