import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { startTestApp, type TestApp, useTestApp } from './support/test-app';
import { analyst, coordinator, responder, signRawToken, signToken } from './support/tokens';
import { PROBLEM } from './support/refusals';

const MISSING_CASE = '00000000-0000-4000-8000-000000000000';

/** A case the caller may not see must be answered exactly like one that does not exist. */
function expectAnsweredLikeMissing(hidden: request.Response, missing: request.Response): void {
  expect([hidden.status, hidden.body.title, hidden.body.type]).toEqual([
    missing.status,
    missing.body.title,
    missing.body.type,
  ]);
}

describe('Authentication and need to know', () => {
  const t = useTestApp();

  describe('authentication', () => {
    it('no token is 401 problem+json', async () => {
      const response = await request(t.http).get('/cases');
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status: 401, title: expect.any(String), detail: expect.any(String) });
    });

    it('a scheme other than Bearer is 401', async () => {
      const token = await signToken(responder());
      const response = await request(t.http).get('/cases').set('Authorization', `Basic ${token}`);
      expect(response.status).toBe(401);
    });

    it('a token signed with another secret is 401', async () => {
      const token = await signToken(responder(), 'another-secret-that-is-long-enough-for-hs256');
      const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    });

    it('an expired token is 401', async () => {
      const token = await signRawToken({ ...responder() }, { exp: Math.floor(Date.now() / 1000) - 600 });
      const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    });

    it('a token without the org claim is 401', async () => {
      const { org: _org, ...claims } = responder();
      const token = await signRawToken(claims);
      const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/org/);
    });

    it('a token with an unknown role is 401', async () => {
      const token = await signRawToken({ ...responder(), roles: ['superuser'] });
      const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
    });
  });

  describe('roles', () => {
    it('an analyst is 403 on listing and opening cases, and nothing is appended', async () => {
      const token = await signToken(analyst());
      const before = await countEvents(t.database.url);
      const list = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
      expect(list.status).toBe(403);
      expect(list.headers['content-type']).toMatch(PROBLEM);
      const open = await request(t.http).post('/cases').set('Authorization', `Bearer ${token}`).send(validCase());
      expect(open.status).toBe(403);
      expect(open.headers['content-type']).toMatch(PROBLEM);
      expect(await countEvents(t.database.url)).toBe(before);
    });

    it('an analyst asking for a case, its timeline or the deadlines is 403 (the role, before any look-up)', async () => {
      // An existing case: see test/access-matrix.e2e.spec.ts.
      const token = await signToken(analyst());
      for (const path of [`/cases/${MISSING_CASE}`, `/cases/${MISSING_CASE}/timeline`, '/deadlines']) {
        const refused = await request(t.http).get(path).set('Authorization', `Bearer ${token}`);
        expect(refused.status).toBe(403);
        expect(refused.headers['content-type']).toMatch(PROBLEM);
      }
    });
  });

  describe('a case of another organisation is answered like a missing one', () => {
    let officerA: string;
    let officerB: string;
    let coordinatorToken: string;
    let caseId: string;
    let caseNumber: string;
    let position: string;

    beforeAll(async () => {
      officerA = await signToken(responder('police-baku', 'officer-a'));
      officerB = await signToken(responder('border-guard-astara', 'officer-b'));
      coordinatorToken = await signToken(coordinator());
      const opened = await request(t.http).post('/cases').set('Authorization', `Bearer ${officerA}`).send(validCase());
      expect(opened.status).toBe(201);
      ({ caseId, caseNumber, position } = opened.body);
      // B opens one of its own, so its list is not trivially empty.
      const own = await request(t.http).post('/cases').set('Authorization', `Bearer ${officerB}`).send(validCase());
      expect(own.status).toBe(201);
      position = own.body.position;
    });

    const as = (token: string) => ({
      get: (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`),
      post: (path: string, body: object, headers: Record<string, string> = {}) =>
        request(t.http).post(path).set('Authorization', `Bearer ${token}`).set(headers).send(body),
    });

    it('the opening organisation reads it', async () => {
      const read = await as(officerA).get(`/cases/${caseId}?minPosition=${position}`);
      expect(read.status).toBe(200);
      expect(read.body.organisationId).toBe('police-baku');
    });

    it('GET /cases/{id}: 404 for B, exactly as for a missing id', async () => {
      const hidden = await as(officerB).get(`/cases/${caseId}?minPosition=${position}`);
      const missing = await as(officerB).get(`/cases/${MISSING_CASE}`);
      expect(hidden.status).toBe(404);
      expect(hidden.headers['content-type']).toMatch(PROBLEM);
      expect(hidden.headers.etag).toBeUndefined();
      expectAnsweredLikeMissing(hidden, missing);
      expect(JSON.stringify(hidden.body)).not.toContain(caseNumber);
    });

    it('GET /cases/{id}/timeline: 404 for B, exactly as for a missing id', async () => {
      const hidden = await as(officerB).get(`/cases/${caseId}/timeline?minPosition=${position}`);
      const missing = await as(officerB).get(`/cases/${MISSING_CASE}/timeline`);
      expect(hidden.status).toBe(404);
      expectAnsweredLikeMissing(hidden, missing);
      expect(JSON.stringify(hidden.body)).not.toContain(caseNumber);
    });

    it('POST /cases/{id}/consent: 404 for B, exactly as for a missing id, also with a stale If-Match; nothing appended', async () => {
      const before = await countEvents(t.database.url);
      const hidden = await as(officerB).post(`/cases/${caseId}/consent`, { consentToReferral: false });
      const missing = await as(officerB).post(`/cases/${MISSING_CASE}/consent`, { consentToReferral: false });
      expect(hidden.status).toBe(404);
      expect(hidden.headers['content-type']).toMatch(PROBLEM);
      expectAnsweredLikeMissing(hidden, missing);
      const staleHidden = await as(officerB).post(
        `/cases/${caseId}/consent`,
        { consentToReferral: false },
        { 'If-Match': '"9"' },
      );
      const staleMissing = await as(officerB).post(
        `/cases/${MISSING_CASE}/consent`,
        { consentToReferral: false },
        { 'If-Match': '"9"' },
      );
      expect(staleHidden.status).toBe(staleMissing.status);
      expect(staleHidden.status).toBe(404);
      expect(await countEvents(t.database.url)).toBe(before);
    });

    it('GET /cases for B neither lists nor counts it', async () => {
      const list = await as(officerB).get(`/cases?minPosition=${position}`);
      expect(list.status).toBe(200);
      const ids = list.body.items.map((item: { id: string }) => item.id);
      expect(ids).not.toContain(caseId);
      expect(list.body.total).toBe(1);
      expect(
        list.body.items.every((item: { organisationId: string }) => item.organisationId === 'border-guard-astara'),
      ).toBe(true);
      const search = await as(officerB).get(`/cases?q=${caseNumber}&minPosition=${position}`);
      expect(search.body).toMatchObject({ total: 0, items: [] });
    });

    it('a coordinator sees it in the list and reads it', async () => {
      const list = await as(coordinatorToken).get(`/cases?minPosition=${position}`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(caseId);
      expect(list.body.total).toBe(2);
      const read = await as(coordinatorToken).get(`/cases/${caseId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: caseId, caseNumber, organisationId: 'police-baku' });
    });
  });
});

describe('Authentication with an OIDC issuer key set (AUTH_JWKS_URL)', () => {
  let t: TestApp;
  let jwks: Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  const previousJwksUrl = process.env.AUTH_JWKS_URL;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestApp({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks.close(resolve));
    if (previousJwksUrl === undefined) delete process.env.AUTH_JWKS_URL;
    else process.env.AUTH_JWKS_URL = previousJwksUrl;
  });

  it('accepts an RS256 token signed with the issuer key', async () => {
    const token = await new SignJWT({ ...responder('police-ganja', 'officer-rs') })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses an HS256 token signed with the shared secret (401)', async () => {
    const token = await signToken(responder());
    const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it('refuses an RS256 token from another key (401)', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT({ ...responder() })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(other.privateKey);
    const response = await request(t.http).get('/cases').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
  });
});
