import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { useTestApp } from './support/test-app';
import { officerAndCoordinator } from './support/tokens';
import { PROBLEM } from './support/refusals';

describe('Case commands through HTTP', () => {
  const t = useTestApp({
    users: officerAndCoordinator(),
  });
  const { tokens } = t;

  beforeAll(async () => {
    // Listening once lets concurrent supertest requests share one server.
    await t.app.listen(0, '127.0.0.1');
  });

  const events = () => countEvents(t.database.url);

  function openCase(body: object = validCase(), headers: Record<string, string> = {}, token = tokens.officer) {
    return request(t.http).post('/cases').set('Authorization', `Bearer ${token}`).set(headers).send(body);
  }

  function recordConsent(caseId: string, consentToReferral: boolean, headers: Record<string, string> = {}) {
    return request(t.http)
      .post(`/cases/${caseId}/consent`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set(headers)
      .send({ consentToReferral });
  }

  describe('invalid input', () => {
    it('is 400 problem+json naming every offending field, unknown fields included, and appends nothing', async () => {
      const before = await events();
      const body = validCase() as Record<string, any>;
      delete body.person.givenName;
      body.person.citizenship = 'Azerbaijan';
      body.identification.identifiedAt = 'yesterday afternoon';
      body.exploitationTypes = ['slavery'];
      body.foo = 'bar';

      const response = await openCase(body);

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
      const fields = (response.body.errors as { field: string; messages: string[] }[]).map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'person.givenName',
          'person.citizenship',
          'identification.identifiedAt',
          'exploitationTypes',
          'foo',
        ]),
      );
      for (const error of response.body.errors) expect(error.messages.length).toBeGreaterThan(0);
      expect(await events()).toBe(before);
    });

    it('rejects an unknown field nested inside person', async () => {
      const before = await events();
      const body = validCase() as Record<string, any>;
      body.person.passportNumber = 'C1234567';
      const response = await openCase(body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('person.passportNumber');
      expect(await events()).toBe(before);
    });
    it('names a missing person and a missing identification (400, not a crash) and appends nothing', async () => {
      const before = await events();
      const { person: _person, identification: _identification, ...body } = validCase();
      const response = await openCase(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['person', 'identification']),
      );
      const notObjects = await openCase({ ...validCase(), person: 'Aysel', identification: null });
      expect(notObjects.status).toBe(400);
      expect(notObjects.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['person', 'identification']),
      );
      expect(await events()).toBe(before);
    });

    it('a body that is not JSON is 400 problem+json', async () => {
      const response = await request(t.http)
        .post('/cases')
        .set('Authorization', `Bearer ${tokens.officer}`)
        .set('Content-Type', 'application/json')
        .send('{"person":');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    });

    it('an oversized body is 413 problem+json, not an internal error', async () => {
      const response = await openCase({ ...validCase(), narrative: 'x'.repeat(300_000) });
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.status).toBe(413);
    });
  });

  describe('domain rules', () => {
    it('refuses an indicator code that is not in the catalogue with 422 naming the code', async () => {
      const before = await events();
      const response = await openCase({ ...validCase(), indicatorCodes: ['GEN-01', 'XYZ-99'] });
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.detail).toContain('XYZ-99');
      expect(response.body.detail).not.toContain('GEN-01');
      expect(response.body.rule).toEqual(expect.any(String));
      expect(await events()).toBe(before);
    });

    it('refuses a person with neither a date of birth nor an estimated age with 422', async () => {
      const before = await events();
      const body = validCase() as Record<string, any>;
      delete body.person.dateOfBirth;
      const response = await openCase(body);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.detail).toMatch(/dateOfBirth|estimatedAge/);
      expect(await events()).toBe(before);
    });

    it('opens a child case from an estimated age of 15', async () => {
      const body = validCase() as Record<string, any>;
      delete body.person.dateOfBirth;
      body.person.estimatedAge = 15;
      const opened = await openCase(body);
      expect(opened.status).toBe(201);
      const read = await request(t.http)
        .get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`)
        .set('Authorization', `Bearer ${tokens.officer}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ isChild: true, ageAtIdentification: 15 });
    });
  });

  describe('Idempotency-Key', () => {
    it('two concurrent requests with the same key and body open one case and both get its result', async () => {
      const before = await events();
      const headers = { 'Idempotency-Key': 'open-concurrently-1' };
      const [first, second] = await Promise.all([openCase(validCase(), headers), openCase(validCase(), headers)]);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.caseId).toBe(first.body.caseId);
      expect(second.body).toEqual(first.body);
      expect(await events()).toBe(before + 1);

      const again = await openCase(validCase(), headers);
      expect(again.status).toBe(201);
      expect(again.body.caseId).toBe(first.body.caseId);
      expect(await events()).toBe(before + 1);
    });

    it('the same key with another body is refused with 422 and appends nothing', async () => {
      const headers = { 'Idempotency-Key': 'open-then-change-1' };
      const first = await openCase(validCase(), headers);
      expect(first.status).toBe(201);
      const before = await events();
      const other = await openCase({ ...validCase(), narrative: 'Another account entirely.' }, headers);
      expect(other.status).toBe(422);
      expect(other.headers['content-type']).toMatch(PROBLEM);
      expect(await events()).toBe(before);
    });
    it('a refused request does not use up its key: a corrected retry with the same key opens the case', async () => {
      const headers = { 'Idempotency-Key': 'refused-then-fixed-1' };
      const refused = await openCase({ ...validCase(), indicatorCodes: ['NOPE-1'] }, headers);
      expect(refused.status).toBe(422);
      const before = await events();
      const retried = await openCase(validCase(), headers);
      expect(retried.status).toBe(201);
      expect(await events()).toBe(before + 1);
    });
  });

  describe('consent with If-Match', () => {
    let caseId: string;

    beforeAll(async () => {
      const opened = await openCase(); // consentToReferral: true, revision 0
      expect(opened.status).toBe(201);
      caseId = opened.body.caseId;
    });

    it('a stale If-Match is 412 problem+json and appends nothing', async () => {
      const before = await events();
      const response = await recordConsent(caseId, false, { 'If-Match': '"7"' });
      expect(response.status).toBe(412);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.status).toBe(412);
      expect(await events()).toBe(before);
    });

    it('a garbage If-Match is 400', async () => {
      const before = await events();
      const response = await recordConsent(caseId, false, { 'If-Match': 'not-an-etag' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(await events()).toBe(before);
    });

    it('the current If-Match records the change: 200, revision 1, ETag "1"', async () => {
      const before = await events();
      const response = await recordConsent(caseId, false, { 'If-Match': '"0"' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId, revision: 1, position: expect.stringMatching(/^\d+$/) });
      expect(response.headers.etag).toBe('"1"');
      expect(await events()).toBe(before + 1);

      const read = await request(t.http)
        .get(`/cases/${caseId}?minPosition=${response.body.position}`)
        .set('Authorization', `Bearer ${tokens.coordinator}`);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body.consentToReferral).toBe(false);
    });

    it('recording the consent the case already holds is 200 and appends nothing', async () => {
      const before = await events();
      const response = await recordConsent(caseId, false, { 'If-Match': '"1"' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caseId, revision: 1 });
      expect(response.headers.etag).toBe('"1"');
      const withoutIfMatch = await recordConsent(caseId, false);
      expect(withoutIfMatch.status).toBe(200);
      expect(await events()).toBe(before);
    });

    it('an invalid consent body is 400 naming the field', async () => {
      const response = await request(t.http)
        .post(`/cases/${caseId}/consent`)
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .send({ consentToReferral: 'yes', extra: 1 });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['consentToReferral', 'extra']),
      );
    });
  });
});
