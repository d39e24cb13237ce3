import request from 'supertest';
import { validCase } from './support/case-bodies';
import { useTestApp } from './support/test-app';
import { responder } from './support/tokens';

describe('Cases through HTTP', () => {
  const t = useTestApp({ users: { officerA: responder('police-baku', 'officer-a') } });
  const { tokens } = t;

  async function openCase(token: string, body: object = validCase(), headers: Record<string, string> = {}) {
    return request(t.http).post('/cases').set('Authorization', `Bearer ${token}`).set(headers).send(body);
  }

  it('opens a case and reads it back with an ETag, once the projections reach its position', async () => {
    const opened = await openCase(tokens.officerA);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ revision: 0, caseNumber: expect.stringMatching(/^NRM-\d{4}-\d{6}$/) });
    expect(opened.headers.etag).toBe('"0"');

    const read = await request(t.http)
      .get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`)
      .set('Authorization', `Bearer ${tokens.officerA}`);
    expect(read.status).toBe(200);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toMatchObject({
      id: opened.body.caseId,
      caseNumber: opened.body.caseNumber,
      stage: 'identification',
      status: 'presumed-victim',
      organisationId: 'police-baku',
      isChild: false,
      ageAtIdentification: 27,
      person: { givenName: 'Aysel', familyName: 'Məmmədova' },
      indicators: { catalogueVersion: '2026.1', codes: ['GEN-01', 'LAB-01'] },
    });
  });
});
