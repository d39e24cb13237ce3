import request from 'supertest';
import { validCase } from './support/case-bodies';
import { useTestApp } from './support/test-app';
import { officerAndCoordinator } from './support/tokens';
import { PROBLEM } from './support/refusals';

describe('Reads through HTTP', () => {
  const opened: { caseId: string; caseNumber: string; position: string }[] = [];
  let lastPosition: string;

  const t = useTestApp({
    users: officerAndCoordinator('officer-r'),
  });
  const { tokens } = t;

  beforeAll(async () => {
    const child = validCase() as Record<string, any>;
    delete child.person.dateOfBirth;
    child.person.estimatedAge = 15;
    for (const body of [validCase(), validCase(), child]) {
      const response = await request(t.http).post('/cases').set('Authorization', `Bearer ${tokens.officer}`).send(body);
      expect(response.status).toBe(201);
      opened.push(response.body);
    }
    lastPosition = opened[2].position;
  });

  const get = (path: string, token = tokens.officer) =>
    request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  describe('GET /cases', () => {
    it('paginates: pageSize 2 over 3 cases, newest first, total 3', async () => {
      const first = await get(`/cases?page=1&pageSize=2&minPosition=${lastPosition}`);
      expect(first.status).toBe(200);
      expect(first.headers['x-read-model-caught-up']).toBe('true');
      expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(first.body.items).toHaveLength(2);
      const second = await get(`/cases?page=2&pageSize=2&minPosition=${lastPosition}`);
      expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
      expect(second.body.items).toHaveLength(1);
      const third = await get(`/cases?page=3&pageSize=2`);
      expect(third.body).toMatchObject({ page: 3, total: 3, items: [] });

      const items = [...first.body.items, ...second.body.items];
      expect(new Set(items.map((item) => item.id))).toEqual(new Set(opened.map((o) => o.caseId)));
      const openedAt = items.map((item) => Date.parse(item.openedAt));
      expect([...openedAt].sort((a, b) => b - a)).toEqual(openedAt);
    });

    it('defaults to page 1 of 20', async () => {
      const list = await get(`/cases?minPosition=${lastPosition}`);
      expect(list.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    });

    it('filters by child', async () => {
      const children = await get(`/cases?child=true&minPosition=${lastPosition}`);
      expect(children.status).toBe(200);
      expect(children.body.total).toBe(1);
      expect(children.body.items).toEqual([expect.objectContaining({ id: opened[2].caseId, isChild: true })]);
      const adults = await get(`/cases?child=false&minPosition=${lastPosition}`);
      expect(adults.body.total).toBe(2);
      expect(adults.body.items.every((item: { isChild: boolean }) => !item.isChild)).toBe(true);
    });

    it('searches on part of the case number', async () => {
      const part = opened[1].caseNumber.slice(-6); // the serial, e.g. 000002
      const found = await get(`/cases?q=${part}&minPosition=${lastPosition}`);
      expect(found.status).toBe(200);
      expect(found.body.total).toBe(1);
      expect(found.body.items[0]).toMatchObject({ id: opened[1].caseId, caseNumber: opened[1].caseNumber });
      const none = await get(`/cases?q=NRM-1999&minPosition=${lastPosition}`);
      expect(none.body).toMatchObject({ total: 0, items: [] });
      const wildcard = await get(`/cases?q=${encodeURIComponent('%')}&minPosition=${lastPosition}`);
      expect(wildcard.body.total).toBe(0);
    });

    it('filters by stage', async () => {
      const identification = await get(`/cases?stage=identification&minPosition=${lastPosition}`);
      expect(identification.body.total).toBe(3);
      const referral = await get(`/cases?stage=referral&minPosition=${lastPosition}`);
      expect(referral.body).toMatchObject({ total: 0, items: [] });
    });

    it('an invalid filter value is 400 problem+json naming each field', async () => {
      const response = await get('/cases?stage=bogus&child=maybe&pageSize=500&page=0');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['stage', 'child', 'pageSize', 'page']),
      );
      const unknown = await get('/cases?colour=red');
      expect(unknown.status).toBe(400);
      const badPosition = await get('/cases?minPosition=abc');
      expect(badPosition.status).toBe(400);
    });
  });

  describe('GET /cases/{id}/timeline', () => {
    it('shows each event in revision order with who and when', async () => {
      const { caseId, caseNumber } = opened[0];
      const consent = await request(t.http)
        .post(`/cases/${caseId}/consent`)
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .send({ consentToReferral: false });
      expect(consent.status).toBe(200);

      const timeline = await get(`/cases/${caseId}/timeline?minPosition=${consent.body.position}`);
      expect(timeline.status).toBe(200);
      expect(timeline.headers['x-read-model-caught-up']).toBe('true');
      expect(timeline.body).toMatchObject({ caseId, caseNumber });
      const entries = timeline.body.entries;
      expect(entries).toHaveLength(2);
      expect(entries.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
      expect(entries[0]).toMatchObject({
        revision: 0,
        event: 'CaseOpened',
        summary: expect.stringContaining(caseNumber),
        by: {
          userId: 'officer-r',
          name: 'Officer officer-r',
          organisationId: 'police-baku',
          organisationType: 'police',
        },
      });
      expect(entries[1]).toMatchObject({
        revision: 1,
        event: 'ReferralConsentRecorded',
        position: consent.body.position,
        summary: expect.stringMatching(/withdrawn/i),
        by: { userId: 'coordinator-1', name: 'National Coordinator', organisationId: 'national-coordinator' },
      });
      for (const entry of entries) {
        expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
        expect(Math.abs(Date.now() - Date.parse(entry.at))).toBeLessThan(5 * 60_000);
      }
      expect(Date.parse(entries[0].at)).toBeLessThanOrEqual(Date.parse(entries[1].at));
      // Personal data stays off the timeline.
      expect(JSON.stringify(entries)).not.toContain('Məmmədova');
    });
  });

  it('a case id that is not a UUID is 400 problem+json', async () => {
    for (const path of ['/cases/not-a-uuid', '/cases/not-a-uuid/timeline']) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    const consent = await request(t.http)
      .post('/cases/12345/consent')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send({ consentToReferral: true });
    expect(consent.status).toBe(400);
  });

  it('GET /indicators: catalogue 2026.1 with groups and Azerbaijani and English texts', async () => {
    const response = await get('/indicators');
    expect(response.status).toBe(200);
    expect(response.body.version).toBe('2026.1');
    expect(response.body.groups.length).toBeGreaterThan(0);
    for (const group of response.body.groups) {
      expect(group).toMatchObject({
        code: expect.any(String),
        title: { az: expect.any(String), en: expect.any(String) },
      });
    }
    const groupCodes = new Set(response.body.groups.map((g: { code: string }) => g.code));
    expect(response.body.indicators.length).toBeGreaterThan(0);
    for (const indicator of response.body.indicators) {
      expect(indicator).toMatchObject({
        code: expect.any(String),
        dimension: expect.any(String),
        strength: expect.stringMatching(/^(strong|medium|weak)$/),
        text: { az: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) },
      });
      expect(groupCodes.has(indicator.group)).toBe(true);
    }
    expect(response.body.indicators.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['GEN-01', 'LAB-01']),
    );
  });

  it('GET /health: 200 with database, redis and event store up, without a token', async () => {
    const response = await request(t.http).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' }, eventStore: { status: 'up' } },
    });
  });

  it('GET /docs-json: an OpenAPI document describing the case resources', async () => {
    const response = await request(t.http).get('/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/cases',
        '/cases/{id}',
        '/cases/{id}/timeline',
        '/cases/{id}/consent',
        '/indicators',
        '/health',
      ]),
    );
    expect(response.body.paths['/cases'].post).toBeDefined();
    expect(response.body.paths['/cases'].get).toBeDefined();
  });
});
