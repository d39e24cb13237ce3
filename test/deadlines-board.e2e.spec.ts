import request from 'supertest';
import { azerbaijanCalendar, addWorkingDays } from '@nrm/deadlines/domain';
import { validCase } from './support/case-bodies';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { analyst, caseWorker, competentAuthority, officersAndCoordinator, signToken } from './support/tokens';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface BoardItem {
  deadlineId: string;
  kind: string;
  caseId: string;
  caseNumber: string | null;
  reference: string | null;
  responsibleOrganisationId: string;
  startedAt: string;
  dueAt: string;
  status: string;
  closedAt: string | null;
  overdue: boolean;
}
interface Board {
  items: BoardItem[];
  page: number;
  pageSize: number;
  total: number;
}

/** An ISO time `ms` from now, whole seconds. */
const fromNow = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();

describe('The deadline board through HTTP (GET /deadlines)', () => {
  let lastPosition = '0';

  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officersAndCoordinator(),
      authority: competentAuthority('mia-officer-dl', 'MIA Officer'),
      worker: caseWorker({ org: 'ngo-tamas', sub: 'tamas-worker' }),
    },
  });
  const { tokens } = t;

  const post = (token: string, path: string, body: object = {}) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);

  /** Sends a command, expects success, remembers its position for the next read. */
  async function command(token: string, path: string, body: object = {}) {
    const response = await post(token, path, body);
    expect([200, 201]).toContain(response.status);
    lastPosition = response.body.position;
    return response.body;
  }

  async function board(token: string, query: Record<string, string | number | boolean> = {}): Promise<Board> {
    const response = await request(t.http)
      .get('/deadlines')
      .query({ minPosition: lastPosition, pageSize: 100, ...query })
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers['x-read-model-caught-up']).toBe('true');
    return response.body;
  }

  const ofCase = (list: Board, caseId: string) => list.items.filter((item) => item.caseId === caseId);

  async function openCase(identifiedAt: string, token = tokens.officer, person: object = {}) {
    const body = validCase();
    return (await command(token, '/cases', {
      ...body,
      person: { ...body.person, ...person },
      identification: { ...body.identification, identifiedAt },
    })) as { caseId: string; caseNumber?: string };
  }

  describe('a case from identification to the status decision', () => {
    let caseId: string;
    let identifiedAt: string;

    beforeAll(async () => {
      identifiedAt = fromNow(-2 * HOUR);
      ({ caseId } = await openCase(identifiedAt));
    });

    it('opening a case starts the hand-over: due 24 h after the real identification time, for the opener', async () => {
      const list = await board(tokens.officer, { kind: 'hand-over' });
      const [handOver] = ofCase(list, caseId);
      expect(handOver).toEqual({
        deadlineId: `hand-over.${caseId}`,
        kind: 'hand-over',
        caseId,
        caseNumber: expect.stringMatching(/\d/),
        reference: null,
        responsibleOrganisationId: 'police-baku',
        startedAt: new Date(identifiedAt).toISOString(),
        dueAt: new Date(Date.parse(identifiedAt) + 24 * HOUR).toISOString(),
        status: 'open',
        closedAt: null,
        metAt: null,
        late: false,
        closedReason: null,
        escalatedAt: null,
        overdue: false,
      });
    });

    it('the referral meets the hand-over and starts the status decision: due in 5 working days (Baku)', async () => {
      const before = Date.now();
      await command(tokens.officer, `/cases/${caseId}/referral`, { competentAuthorityOrgId: 'mia-anti-trafficking' });
      const list = await board(tokens.officer, { status: 'all' });
      const items = ofCase(list, caseId);
      expect(items.map((item) => [item.kind, item.status])).toEqual(
        expect.arrayContaining([
          ['hand-over', 'met'],
          ['status-decision', 'open'],
        ]),
      );
      const decision = items.find((item) => item.kind === 'status-decision')!;
      expect(decision).toMatchObject({
        deadlineId: `status-decision.${caseId}`,
        responsibleOrganisationId: 'mia-anti-trafficking',
        overdue: false,
      });
      const referredAt = new Date(decision.startedAt);
      expect(referredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(decision.dueAt).toBe(addWorkingDays(referredAt, 5, azerbaijanCalendar()).toISOString());
      // Five working days span more than five calendar days, ending at 23:59:59.999 in Baku (19:59:59.999Z).
      expect(Date.parse(decision.dueAt) - referredAt.getTime()).toBeGreaterThan(5 * DAY);
      expect(decision.dueAt).toMatch(/T19:59:59\.999Z$/);
      // The met hand-over is not on the default board (open only).
      expect(ofCase(await board(tokens.officer), caseId).map((item) => item.kind)).toEqual(['status-decision']);
    });

    it('the decision meets it', async () => {
      await command(tokens.authority, `/cases/${caseId}/status-decision`, {
        decision: 'granted',
        decisionNumber: '77/2026',
        decidedOn: new Date().toISOString().slice(0, 10),
      });
      const met = ofCase(await board(tokens.officer, { status: 'met' }), caseId);
      expect(met.map((item) => item.kind).sort()).toEqual(['hand-over', 'status-decision']);
      expect(ofCase(await board(tokens.officer), caseId)).toEqual([]);
    });
  });

  it('a child case also starts the child-protection notice (24 h); notifying the body meets it', async () => {
    const identifiedAt = fromNow(-HOUR);
    const { caseId } = await openCase(identifiedAt, tokens.officer, { dateOfBirth: '2014-05-01' });
    const [notice] = ofCase(await board(tokens.officer, { kind: 'child-protection-notice' }), caseId);
    expect(notice).toMatchObject({
      status: 'open',
      dueAt: new Date(Date.parse(identifiedAt) + 24 * HOUR).toISOString(),
    });
    await command(tokens.officer, `/cases/${caseId}/child-protection-notification`, {
      childProtectionOrgId: 'child-protection-baku',
      notifiedAt: fromNow(-60_000),
    });
    const [met] = ofCase(await board(tokens.officer, { kind: 'child-protection-notice', status: 'all' }), caseId);
    expect(met.status).toBe('met');
  });

  describe('reflection periods', () => {
    it('a period recorded as started 31 days ago is due already: overdue at once, for the case owner', async () => {
      const { caseId } = await openCase(fromNow(-32 * DAY));
      await board(tokens.coordinator); // the case summary is there: the period's owner is known
      const startedAt = fromNow(-31 * DAY);
      await command(tokens.authority, `/cases/${caseId}/reflection-period`, { startedAt, days: 30 });
      const [period] = ofCase(await board(tokens.coordinator, { kind: 'reflection-period', status: 'all' }), caseId);
      expect(period).toMatchObject({
        kind: 'reflection-period',
        reference: expect.any(String),
        responsibleOrganisationId: 'police-baku',
        startedAt: new Date(startedAt).toISOString(),
        dueAt: new Date(Date.parse(startedAt) + 30 * DAY).toISOString(),
      });
      expect(Date.parse(period.dueAt)).toBeLessThan(Date.now());
      // Open and overdue until the scheduler has marked it missed (it fires at once): then expired.
      if (period.status === 'open') {
        expect(period.overdue).toBe(true);
      } else {
        expect(period).toMatchObject({ status: 'expired', overdue: false });
      }
    });

    it('an extension moves the due time', async () => {
      const { caseId } = await openCase(fromNow(-21 * DAY));
      await board(tokens.coordinator);
      const startedAt = fromNow(-20 * DAY);
      await command(tokens.authority, `/cases/${caseId}/reflection-period`, { startedAt, days: 30 });
      const [before] = ofCase(await board(tokens.officer, { kind: 'reflection-period' }), caseId);
      expect(before).toMatchObject({ status: 'open', overdue: false });
      expect(before.dueAt).toBe(new Date(Date.parse(startedAt) + 30 * DAY).toISOString());

      await command(tokens.authority, `/cases/${caseId}/reflection-period/extension`, {
        days: 15,
        reason: 'Treatment',
      });
      const [after] = ofCase(await board(tokens.officer, { kind: 'reflection-period' }), caseId);
      expect(after).toMatchObject({ deadlineId: before.deadlineId, status: 'open' });
      expect(after.dueAt).toBe(new Date(Date.parse(startedAt) + 45 * DAY).toISOString());
    });
  });

  describe('shelters and closure', () => {
    let caseId: string;

    beforeAll(async () => {
      const shelter = await command(tokens.coordinator, '/shelters', {
        name: 'Bakı Qadın Sığınacağı',
        operatorOrgId: 'ngo-tamas',
        region: 'Bakı',
        beds: 2,
        accepts: ['women', 'children'],
      });
      await request(t.http)
        .get(`/shelters/${shelter.shelterId}?minPosition=${lastPosition}`)
        .set('Authorization', `Bearer ${tokens.coordinator}`);
      ({ caseId } = await openCase(fromNow(-HOUR)));
      await command(tokens.officer, `/cases/${caseId}/placements`, {
        shelterId: shelter.shelterId,
        needs: ['interpreter'],
      });
    });

    it("a placement request starts the shelter's answer (24 h), for the shelter's operator", async () => {
      const [answer] = ofCase(await board(tokens.coordinator, { kind: 'shelter-answer' }), caseId);
      expect(answer).toMatchObject({
        responsibleOrganisationId: 'ngo-tamas',
        status: 'open',
        reference: expect.any(String),
      });
      expect(Date.parse(answer.dueAt) - Date.parse(answer.startedAt)).toBe(24 * HOUR);
    });

    it("the operator's staff see the deadlines they answer for, not the rest of another organisation's case", async () => {
      const seen = ofCase(await board(tokens.worker), caseId);
      expect(seen.map((item) => item.kind)).toEqual(['shelter-answer']);
    });

    it('closing the case cancels its open deadlines', async () => {
      await command(tokens.coordinator, `/cases/${caseId}/close`, { reason: 'lost-contact' });
      expect(ofCase(await board(tokens.coordinator), caseId)).toEqual([]);
      const cancelled = ofCase(await board(tokens.coordinator, { status: 'cancelled' }), caseId);
      expect(cancelled.map((item) => item.kind).sort()).toEqual(['hand-over', 'shelter-answer']);
      expect(cancelled.every((item) => item.closedAt !== null)).toBe(true);
    });
  });

  describe('scoping, filters and sorting', () => {
    it("another organisation's responder sees none of these deadlines; its own only", async () => {
      const { caseId } = await openCase(fromNow(-HOUR), tokens.otherOfficer);
      const theirs = await board(tokens.otherOfficer, { status: 'all' });
      expect(theirs.items.length).toBeGreaterThan(0);
      expect(theirs.items.every((item) => item.caseId === caseId)).toBe(true);
      const ours = await board(tokens.officer, { status: 'all' });
      expect(ours.items.some((item) => item.caseId === caseId)).toBe(false);
      // Coordinators and the competent authority see everything.
      for (const token of [tokens.coordinator, tokens.authority]) {
        const all = await board(token, { status: 'all' });
        expect(all.items.some((item) => item.caseId === caseId)).toBe(true);
        expect(all.total).toBeGreaterThan(ours.total);
      }
    });

    it('sorted by due time, then id, and paginated', async () => {
      const all = await board(tokens.coordinator, { status: 'all' });
      const keys = all.items.map((item) => `${item.dueAt}|${item.deadlineId}`);
      expect(keys).toEqual([...keys].sort());
      const first = await board(tokens.coordinator, { status: 'all', pageSize: 2, page: 1 });
      const second = await board(tokens.coordinator, { status: 'all', pageSize: 2, page: 2 });
      expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.total });
      expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
    });

    it('filters by kind, responsible organisation, due window, status and overdue', async () => {
      const byKind = await board(tokens.coordinator, { kind: 'hand-over', status: 'all' });
      expect(byKind.items.length).toBeGreaterThan(1);
      expect(byKind.items.every((item) => item.kind === 'hand-over')).toBe(true);

      const byOrg = await board(tokens.coordinator, { org: 'mia-anti-trafficking', status: 'all' });
      expect(byOrg.items.length).toBeGreaterThan(0);
      expect(byOrg.items.every((item) => item.responsibleOrganisationId === 'mia-anti-trafficking')).toBe(true);

      const dueFrom = fromNow(0);
      const dueTo = fromNow(2 * DAY);
      const window = await board(tokens.coordinator, { dueFrom, dueTo, status: 'all' });
      expect(window.items.length).toBeGreaterThan(0);
      for (const item of window.items) {
        expect(Date.parse(item.dueAt)).toBeGreaterThanOrEqual(Date.parse(dueFrom));
        expect(Date.parse(item.dueAt)).toBeLessThanOrEqual(Date.parse(dueTo));
      }

      const upcoming = await board(tokens.coordinator, { overdue: false });
      expect(upcoming.items.length).toBeGreaterThan(0);
      expect(upcoming.items.every((item) => item.status === 'open' && !item.overdue)).toBe(true);
      const overdue = await board(tokens.coordinator, { overdue: true });
      expect(overdue.items.every((item) => item.status === 'open' && item.overdue)).toBe(true);

      const open = await board(tokens.coordinator);
      expect(open.items.every((item) => item.status === 'open')).toBe(true);
      const met = await board(tokens.coordinator, { status: 'met' });
      expect(met.items.length).toBeGreaterThan(0);
      expect(met.items.every((item) => item.status === 'met')).toBe(true);
    });

    it('refuses bad filters with 400 and analysts with 403', async () => {
      const get = (query: object, token = tokens.coordinator) =>
        request(t.http).get('/deadlines').query(query).set('Authorization', `Bearer ${token}`);
      for (const query of [
        { kind: 'tea-break' },
        { status: 'late' },
        { dueFrom: '2026-11-20' },
        { overdue: 'maybe' },
        { pageSize: 1000 },
        { unknown: 1 },
      ]) {
        const response = await get(query);
        expect([JSON.stringify(query), response.status]).toEqual([JSON.stringify(query), 400]);
      }
      expect((await get({}, await signToken(analyst()))).status).toBe(403);
      expect((await request(t.http).get('/deadlines')).status).toBe(401);
    });
  });
});
