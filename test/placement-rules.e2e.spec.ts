import request from 'supertest';
import { tamasShelter, validCase } from './support/case-bodies';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { officerAndCoordinator, shelterStaff } from './support/tokens';
import { expectRefusedWithNothingAppended } from './support/refusals';
import { requestsTo } from './support/requests';

const ROUNDS = 30;

/**
 * Rules across the case and shelter streams (issue 11, items 1 and 4): a placement command checks the
 * case on the write side, a closure acts on the beds the case holds, and a placement is found on the
 * write side right after its request.
 */
describe('Placements and their case: rules across streams', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officerAndCoordinator(),
      staff: shelterStaff('ngo-tamas', 'staff-r'),
    },
  });
  const { tokens } = t;

  const { post, get } = requestsTo(t);
  const expectRefused = (send: () => Promise<request.Response>, status: number, rule: string) =>
    expectRefusedWithNothingAppended(t.database.url, send, status, rule);

  async function registerShelter(beds: number): Promise<string> {
    const res = await post('/shelters', tokens.coordinator, tamasShelter(`Sığınacaq ${beds}`, beds));
    expect(res.status).toBe(201);
    return res.body.shelterId;
  }

  async function openCase(): Promise<string> {
    const res = await post('/cases', tokens.officer, validCase());
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  async function requestPlacement(caseId: string, shelterId: string): Promise<string> {
    const res = await post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] });
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
          ? await post(`/placements/${placementId}/accept`, tokens.staff)
          : await post(`/placements/${placementId}/decline`, tokens.staff, { reason: 'No bed suited' }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual(caseIds.map(() => 200));
    const shelter = await get(`/shelters/${shelterId}?minPosition=${maxPosition(answers)}`, tokens.coordinator);
    expect(shelter.body).toMatchObject({ occupied: ROUNDS / 2, freeBeds: ROUNDS / 2 });
  });

  it('answers 404 for a placement that does not exist', async () => {
    const res = await post('/placements/00000000-0000-4000-8000-000000000000/accept', tokens.staff);
    expect(res.status).toBe(404);
  });

  it('a closed case refuses an accept (409 case-not-closed): no bed taken, nothing appended', async () => {
    const shelterId = await registerShelter(2);
    const caseId = await openCase();
    const placementId = await requestPlacement(caseId, shelterId);
    const closed = await post(`/cases/${caseId}/close`, tokens.officer, { reason: 'lost-contact' });
    expect(closed.status).toBe(200);

    await expectRefused(() => post(`/placements/${placementId}/accept`, tokens.staff), 409, 'case-not-closed');
    await expectRefused(
      () => post(`/placements/${placementId}/decline`, tokens.staff, { reason: 'x' }),
      409,
      'case-not-closed',
    );
    const shelter = await get(`/shelters/${shelterId}?minPosition=${closed.body.position}`, tokens.coordinator);
    expect(shelter.body).toMatchObject({ occupied: 0, freeBeds: 2 });
    expect(shelter.body.placements).toEqual([expect.objectContaining({ placementId, status: 'ended' })]);
  });

  it("a closure ends the case's placements: the bed held and the stay end, the beds are free again", async () => {
    const shelterId = await registerShelter(3);
    const caseId = await openCase();
    const other = await openCase();
    const accepted = await requestPlacement(caseId, shelterId);
    expect((await post(`/placements/${accepted}/accept`, tokens.staff)).status).toBe(200);
    expect((await post(`/placements/${accepted}/check-in`, tokens.staff)).status).toBe(200);
    const elsewhere = await registerShelter(2);
    const pending = await requestPlacement(caseId, elsewhere);
    const othersBed = await requestPlacement(other, shelterId);
    expect((await post(`/placements/${othersBed}/accept`, tokens.staff)).status).toBe(200);

    const closed = await post(`/cases/${caseId}/close`, tokens.officer, { reason: 'lost-contact' });
    expect(closed.status).toBe(200);
    const shelter = await get(`/shelters/${shelterId}?minPosition=${closed.body.position}`, tokens.coordinator);
    // Only the other case's bed is still taken.
    expect(shelter.body).toMatchObject({ occupied: 1, freeBeds: 2 });
    const page = await get(`/cases/${caseId}?minPosition=${closed.body.position}`, tokens.coordinator);
    expect(page.body).toMatchObject({ stage: 'closed', activeTracks: ['closed'] });
    expect(page.body.tracks.placements).toEqual([
      expect.objectContaining({ placementId: accepted, state: 'ended', endedAt: expect.any(String) }),
      expect.objectContaining({ placementId: pending, state: 'ended' }),
    ]);
    // Nothing more for the closed case: no accept, no check-in.
    await expectRefused(() => post(`/placements/${pending}/accept`, tokens.staff), 409, 'case-not-closed');
    const reopened = await post(`/cases/${caseId}/reopen`, tokens.officer, { reason: 'She called again' });
    expect(reopened.status).toBe(200);
    expect((await post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: [] })).status).toBe(201);
  });

  it(`races a closure against an accept, ${ROUNDS} rounds: never a closed case holding a bed, beds consistent`, async () => {
    const shelterId = await registerShelter(ROUNDS);
    const rounds: { caseId: string; placementId: string }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const caseId = await openCase();
      rounds.push({ caseId, placementId: await requestPlacement(caseId, shelterId) });
    }
    const outcomes = await Promise.all(
      rounds.map(async ({ caseId, placementId }) => {
        const [close, accept] = await Promise.all([
          post(`/cases/${caseId}/close`, tokens.officer, { reason: 'lost-contact' }),
          post(`/placements/${placementId}/accept`, tokens.staff),
        ]);
        return { caseId, placementId, close, accept };
      }),
    );
    for (const { close, accept } of outcomes) {
      // The closure always closes; the accept wins only when it came first (its bed is then freed by the
      // closure), and otherwise names the rule that refused it.
      expect(close.status).toBe(200);
      expect([200, 409]).toContain(accept.status);
      if (accept.status === 409) expect(accept.body.rule).toBe('case-not-closed');
    }
    const position = maxPosition(outcomes.flatMap((o) => [o.close, o.accept]));
    const shelter = await get(`/shelters/${shelterId}?minPosition=${position}`, tokens.coordinator);
    expect(shelter.body).toMatchObject({ occupied: 0, freeBeds: ROUNDS });
    for (const { caseId, placementId } of outcomes) {
      const page = await get(`/cases/${caseId}?minPosition=${position}`, tokens.coordinator);
      expect(page.body.stage).toBe('closed');
      const placement = page.body.tracks.placements.find((p: { placementId: string }) => p.placementId === placementId);
      expect({ caseId, state: placement.state }).toEqual({ caseId, state: 'ended' });
      const inShelter = shelter.body.placements.find((p: { placementId: string }) => p.placementId === placementId);
      expect(inShelter.status).toBe('ended');
    }
    // About 150 requests, 60 of them at once: 10 s alone, past 30 s beside other suites on two cores.
  }, 90_000);
});
