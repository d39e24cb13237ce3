import request from 'supertest';
import { validCase } from './support/case-bodies';
import { queryRows } from './support/events';
import { useTestApp } from './support/test-app';
import { analyst, coordinator, responder } from './support/tokens';

type PersonBody = ReturnType<typeof validCase>['person'] & { estimatedAge?: number };

interface Alert {
  alertId: string;
  status: string;
  case: { caseId: string; caseNumber: string };
  matchedCases: { caseId: string; caseNumber: string }[];
}

/** Twelve other women, each a different person: enough people for the statistics' totals to show (k = 11). */
const OTHER_GIVEN_NAMES = [
  'Nərmin',
  'Leyla',
  'Səbinə',
  'Günel',
  'Könül',
  'Fidan',
  'Aynur',
  'Sevinc',
  'Lalə',
  'Nigar',
  'Türkan',
  'Zümrüd',
];

describe('Duplicate-person alerts', () => {
  const legalBasis = { authority: 'court', decisionNumber: '2(103)-5120/2026', decidedOn: '2026-11-20' };

  const t = useTestApp({
    users: {
      police: responder('police-baku', 'officer-dp'),
      border: { ...responder('border-service', 'guard-dp'), orgType: 'border' },
      coordinator: coordinator(),
      analyst: analyst(),
    },
  });
  const { tokens } = t;

  beforeAll(async () => {
    for (const givenName of OTHER_GIVEN_NAMES) {
      expect((await open(tokens.police, { givenName, familyName: 'Quliyeva', dateOfBirth: '1990-01-01' })).status).toBe(
        201,
      );
    }
  }, 60_000);

  const post = (path: string, body: object, token: string) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  /** The position of the latest opening: statistics read before a link must include every case. */
  let lastOpened = '0';

  async function open(token: string, person: Partial<PersonBody>) {
    const body = validCase();
    const { dateOfBirth: _, ...withoutDate } = body.person;
    const opened = await post('/cases', { ...body, person: { ...withoutDate, citizenship: 'AZ', ...person } }, token);
    if (opened.status === 201) lastOpened = opened.body.position;
    return opened;
  }

  async function alerts(query = ''): Promise<{ items: Alert[]; total: number }> {
    const response = await get(`/possible-duplicates?pageSize=100${query}`, tokens.coordinator);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function possibleDuplicateNotifications(token: string): Promise<{ caseId: string; message: string }[]> {
    const response = await get('/notifications?pageSize=100', token);
    expect(response.status).toBe(200);
    return response.body.items.filter((item: { kind: string }) => item.kind === 'possible-duplicate');
  }

  async function statisticsTotal(minPosition: string): Promise<number> {
    const response = await get(`/statistics?minPosition=${minPosition}`, tokens.analyst);
    expect(response.status).toBe(200);
    expect(response.headers['x-read-model-caught-up']).toBe('true');
    return response.body.total;
  }

  const blindIndexEntries = (caseId: string) =>
    queryRows(t.database.url, `SELECT digest FROM person_blind_index WHERE case_id = $1`, [caseId]);

  let first: { caseId: string; caseNumber: string; position: string };
  let second: { caseId: string; caseNumber: string; position: string };
  let alert: Alert;

  it('two agencies open the same person in other spellings: one alert, for coordinators only', async () => {
    const byPolice = await open(tokens.police, {
      givenName: 'Aygün',
      familyName: 'Məmmədova',
      dateOfBirth: '1994-03-08',
    });
    // The border service writes her in Russian, family name first, and knows only her age.
    const byBorder = await open(tokens.border, { givenName: 'Мамедова', familyName: 'Айгюн', estimatedAge: 32 });
    expect([byPolice.status, byBorder.status]).toEqual([201, 201]);
    first = byPolice.body;
    second = byBorder.body;
    // The officer's answer is the usual one: nothing about another case.
    expect(Object.keys(byBorder.body).sort()).toEqual(Object.keys(byPolice.body).sort());

    const { items, total } = await alerts();
    expect(total).toBe(1);
    alert = items[0];
    expect(alert).toMatchObject({
      status: 'open',
      case: { caseId: second.caseId, caseNumber: second.caseNumber },
      matchedCases: [{ caseId: first.caseId, caseNumber: first.caseNumber }],
    });
    expect(JSON.stringify(items)).not.toMatch(/Aygün|Айгюн|Məmmədova|Мамедова|1994/);

    const forCoordinator = await possibleDuplicateNotifications(tokens.coordinator);
    expect(forCoordinator).toHaveLength(1);
    expect(forCoordinator[0].caseId).toBe(second.caseId);
    expect(forCoordinator[0].message).toContain(first.caseNumber);
    expect(forCoordinator[0].message).not.toMatch(/Aygün|Айгюн|Məmmədova|Мамедова/);
  });

  it('tells the officers nothing: not in their inbox, not in the case or its timeline, and no access to the alerts', async () => {
    for (const [token, opened, other] of [
      [tokens.police, first, second],
      [tokens.border, second, first],
    ] as const) {
      expect(await possibleDuplicateNotifications(token)).toEqual([]);
      const page = await get(`/cases/${opened.caseId}?minPosition=${second.position}`, token);
      const timeline = await get(`/cases/${opened.caseId}/timeline?minPosition=${second.position}`, token);
      expect([page.status, timeline.status]).toEqual([200, 200]);
      for (const body of [JSON.stringify(page.body), JSON.stringify(timeline.body)]) {
        expect(body).not.toContain(other.caseId);
        expect(body).not.toContain(other.caseNumber);
        expect(body).not.toMatch(/duplicate/i);
      }
      expect((await get('/possible-duplicates', token)).status).toBe(403);
      expect((await post(`/possible-duplicates/${alert.alertId}/link`, {}, token)).status).toBe(403);
    }
  });

  it('a different person with the same birth data raises no alert', async () => {
    const other = await open(tokens.border, { givenName: 'Aysel', familyName: 'Hüseynova', dateOfBirth: '1994-03-08' });
    expect(other.status).toBe(201);
    expect((await alerts()).total).toBe(1);
  });

  it('linking the two cases as one person: statistics count her once', async () => {
    const before = await statisticsTotal(lastOpened);
    const linked = await post(`/possible-duplicates/${alert.alertId}/link`, {}, tokens.coordinator);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ alertId: alert.alertId, status: 'linked', position: expect.any(String) });
    expect(await statisticsTotal(linked.body.position)).toBe(before - 1);
    expect((await alerts('&status=linked')).items.map((item) => item.alertId)).toEqual([alert.alertId]);
    expect((await alerts('&status=open')).total).toBe(0);

    const again = await post(`/possible-duplicates/${alert.alertId}/link`, {}, tokens.coordinator);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('alert-already-resolved');
  });

  it('dismissing an alert needs a reason, and keeps the people apart', async () => {
    await open(tokens.police, { givenName: 'Rəşad', familyName: 'Əliyev', dateOfBirth: '1988-07-15', sex: 'male' });
    const secondOpening = await open(tokens.border, {
      givenName: 'Rashad',
      familyName: 'Aliyev',
      dateOfBirth: '1988-07-15',
      sex: 'male',
    });
    const [pending] = (await alerts('&status=open')).items;
    expect(pending.case.caseId).toBe(secondOpening.body.caseId);
    const before = await statisticsTotal(lastOpened);

    const blank = await post(`/possible-duplicates/${pending.alertId}/dismiss`, { reason: '  ' }, tokens.coordinator);
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toMatch(/reason/);
    const dismissed = await post(
      `/possible-duplicates/${pending.alertId}/dismiss`,
      { reason: 'Different fathers named in the two identity documents' },
      tokens.coordinator,
    );
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ alertId: pending.alertId, status: 'dismissed' });
    expect((await alerts('&status=dismissed')).items.map((item) => item.alertId)).toEqual([pending.alertId]);
    expect(await statisticsTotal(dismissed.body.position)).toBe(before);
    expect((await post(`/possible-duplicates/${pending.alertId}/link`, {}, tokens.coordinator)).status).toBe(409);
    expect(
      (await post('/possible-duplicates/00000000-0000-4000-8000-000000000000/link', {}, tokens.coordinator)).status,
    ).toBe(404);
  });

  it('an erasure removes the case from the blind index: the same person opened again raises no alert', async () => {
    const erasedCase = await open(tokens.police, {
      givenName: 'Elçin',
      familyName: 'Nəsibova',
      dateOfBirth: '1999-12-30',
    });
    expect((await blindIndexEntries(erasedCase.body.caseId)).length).toBeGreaterThan(0);
    const erased = await post(
      `/cases/${erasedCase.body.caseId}/erase-personal-data`,
      { legalBasis },
      tokens.coordinator,
    );
    expect(erased.status).toBe(200);
    expect(await blindIndexEntries(erasedCase.body.caseId)).toEqual([]);

    const alertsBefore = (await alerts()).total;
    const again = await open(tokens.border, { givenName: 'Elchin', familyName: 'Nasibova', dateOfBirth: '1999-12-30' });
    expect(again.status).toBe(201);
    expect((await alerts()).total).toBe(alertsBefore);
  });
});
