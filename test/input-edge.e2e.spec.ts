import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { coordinator, officerAndCoordinator, shelterStaff, signRawToken, signToken } from './support/tokens';

/** Each of the input edges the engine and case issues found answering 500, or accepting what it should not. */
describe('Input checked at the edge', () => {
  const t = useTestApp({
    env: { ...WITHOUT_APPROVALS, HTTP_BODY_LIMIT_BYTES: '65536' },
    users: {
      ...officerAndCoordinator(),
      staff: shelterStaff(),
    },
  });
  const { tokens } = t;
  let caseId: string;
  let shelterId: string;
  let placementId: string;

  beforeAll(async () => {
    caseId = (await post('/cases', tokens.officer, validCase()).expect(201)).body.caseId;
    shelterId = (
      await post('/shelters', tokens.coordinator, {
        name: 'Bakı Qadın Sığınacağı',
        operatorOrgId: 'ngo-tamas',
        region: 'Bakı',
        beds: 2,
        accepts: ['women'],
      }).expect(201)
    ).body.shelterId;
    placementId = (
      await post(`/cases/${caseId}/placements`, tokens.officer, { shelterId, needs: ['medical-care'] }).expect(201)
    ).body.placementId;
  });

  function post(path: string, token: string, body: object | string) {
    const call = request(t.http).post(path).set('Authorization', `Bearer ${token}`);
    return typeof body === 'string' ? call.set('Content-Type', 'application/json').send(body) : call.send(body);
  }
  const get = (path: string, token = tokens.coordinator) =>
    request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  /** A 400 problem+json listing exactly these fields, and no event appended. */
  async function expectInvalid(send: () => Promise<request.Response>, fields: string[]) {
    const before = await countEvents(t.database.url);
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(await countEvents(t.database.url)).toBe(before);
    return response;
  }

  const withPerson = (person: object) => ({ ...validCase(), person: { ...validCase().person, ...person } });

  describe('text', () => {
    it('refuses NUL in a name (it used to reach the event store and stop the case-summaries projection)', async () => {
      const refused = await expectInvalid(
        () => post('/cases', tokens.officer, withPerson({ givenName: 'A\u0000B' })),
        ['person.givenName'],
      );
      expect(refused.body.errors[0].messages).toEqual([
        'person.givenName must not contain control characters (found U+0000)',
      ]);
    });

    it('refuses lone surrogates in the shelter name, the place and the capacity reason', async () => {
      const loneSurrogate = (json: string) => json.replace('"SURROGATE"', '"x\\ud800"');
      await expectInvalid(
        () =>
          post(
            '/shelters',
            tokens.coordinator,
            loneSurrogate(
              JSON.stringify({
                name: 'SURROGATE',
                operatorOrgId: 'ngo-tamas',
                region: 'Bakı',
                beds: 2,
                accepts: ['women'],
              }),
            ),
          ),
        ['name'],
      );
      const body = validCase();
      await expectInvalid(
        () =>
          post(
            '/cases',
            tokens.officer,
            loneSurrogate(JSON.stringify({ ...body, identification: { ...body.identification, place: 'SURROGATE' } })),
          ),
        ['identification.place'],
      );
      await expectInvalid(
        () =>
          post(
            `/shelters/${shelterId}/capacity`,
            tokens.coordinator,
            loneSurrogate(JSON.stringify({ beds: 3, reason: 'SURROGATE' })),
          ),
        ['reason'],
      );
    });

    it('lists every offending field at once, by its path', async () => {
      const body = { ...withPerson({ givenName: 'A\u0007', familyName: 'B\u0000' }), narrative: 'x'.repeat(10_001) };
      await expectInvalid(
        () => post('/cases', tokens.officer, body),
        ['person.givenName', 'person.familyName', 'narrative'],
      );
    });

    it('takes line breaks in free text but not in names', async () => {
      const accepted = await post('/cases', tokens.officer, {
        ...validCase(),
        narrative: 'First line.\nSecond line.\tTabbed.',
      });
      expect(accepted.status).toBe(201);
      await expectInvalid(
        () => post('/cases', tokens.officer, withPerson({ familyName: 'Məm\nmədova' })),
        ['person.familyName'],
      );
    });

    it('keeps well-formed text in any script, emoji included', async () => {
      const accepted = await post(
        '/cases',
        tokens.officer,
        withPerson({ givenName: 'Gülşən 🌸', familyName: 'Алиева' }),
      );
      expect(accepted.status).toBe(201);
    });
  });

  describe('query values and path ids', () => {
    it.each([
      ['/cases?org=%00', 'org'],
      ['/cases?q=%00', 'q'],
      ['/shelters?region=%00', 'region'],
      ['/deadlines?org=a%0Ab', 'org'],
      ['/cases?stage=%07', 'stage'],
    ])('%s is a 400 naming %s', async (path, field) => {
      await expectInvalid(() => get(path), [field]);
    });

    it.each(['/cases', '/shelters', '/deadlines', '/notifications', '/cases/{id}/access-log'])(
      '%s?page=99999999999999999999 is a 400 naming page (it was bigint out of range)',
      async (list) => {
        const refused = await expectInvalid(
          () => get(`${list.replace('{id}', caseId)}?page=99999999999999999999`),
          ['page'],
        );
        expect(refused.body.errors[0].messages).toEqual(['page must be a whole number from 1 to 1000000']);
      },
    );

    it('refuses pages that are not decimal digits', async () => {
      await expectInvalid(() => get('/cases?page=0x10&pageSize=1e1'), ['page', 'pageSize']);
    });

    it('refuses percent-encoding that is not UTF-8, naming the parameter', async () => {
      await expectInvalid(() => get('/cases?q=%ED%A0%80'), ['q']);
    });

    it('refuses a control character in a path id, or an id that is not a UUID, naming it', async () => {
      await expectInvalid(() => get('/cases/abc%00'), ['id']);
      const refused = await expectInvalid(() => post('/placements/not-a-uuid/accept', tokens.staff, {}), ['id']);
      expect(refused.body.errors[0].messages).toEqual(['id must be a UUID']);
    });
  });

  describe('bodies', () => {
    it('refuses a body nested thousands of levels deep (it overflowed the stack)', async () => {
      const deep = `{"person":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      const refused = await expectInvalid(() => post('/cases', tokens.officer, deep), [`person${'.0'.repeat(31)}`]);
      expect(refused.body.errors[0].messages[0]).toMatch(/is nested deeper than 32 levels$/);
    });

    it.each([
      ['/cases', () => JSON.stringify(validCase()).replace('{', '{"__proto__":{"admin":true},'), '__proto__'],
      ['/cases', () => JSON.stringify(withPerson({ constructor: 'x' })), 'person.constructor'],
      ['/cases/{case}/consent', () => '{"consentToReferral":true,"constructor":{"prototype":{}}}', 'constructor'],
      ['/cases/{case}/close', () => '{"reason":"reintegrated","__proto__":{}}', '__proto__'],
      ['/shelters/{shelter}/capacity', () => '{"beds":3,"reason":"wing","prototype":1}', 'prototype'],
    ])('%s refuses a prototype key (%#), naming it', async (path, body, field) => {
      const url = path.replace('{case}', caseId).replace('{shelter}', shelterId);
      await expectInvalid(
        () => post(url, path.startsWith('/shelters') ? tokens.coordinator : tokens.officer, body()),
        [field],
      );
    });

    it('refuses an array body on check-in (it was accepted)', async () => {
      await expectInvalid(() => post(`/placements/${placementId}/check-in`, tokens.staff, '[]'), ['body']);
      await expectInvalid(() => post(`/placements/${placementId}/accept`, tokens.staff, '[{}]'), ['body']);
    });

    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413', async () => {
      const before = await countEvents(t.database.url);
      const response = await post('/cases', tokens.officer, { ...validCase(), narrative: 'x'.repeat(70_000) });
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await countEvents(t.database.url)).toBe(before);
    });
  });

  it('answers a position already reached caught up', async () => {
    const opened = await post('/cases', tokens.officer, validCase()).expect(201);
    const reached = await get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`, tokens.officer);
    expect(reached.headers['x-read-model-caught-up']).toBe('true');
    const again = await get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`, tokens.officer);
    expect(again.headers['x-read-model-caught-up']).toBe('true');
  });

  it('refuses a minPosition beyond bigint', async () => {
    await expectInvalid(() => get('/cases?minPosition=9223372036854775808'), ['minPosition']);
  });

  describe('401 challenges', () => {
    it('answers WWW-Authenticate: Bearer without a token', async () => {
      const response = await request(t.http).get('/cases');
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="nrm"');
    });

    it('says invalid_token when the token is bad (RFC 6750)', async () => {
      const expired = await signRawToken(coordinator() as unknown as Record<string, unknown>, {
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      for (const token of ['not-a-jwt', expired]) {
        const response = await get('/cases', token);
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['www-authenticate']).toMatch(
          /^Bearer realm="nrm", error="invalid_token", error_description="[^"]+"$/,
        );
      }
    });

    it('refuses a token whose claims hold control characters', async () => {
      const token = await signToken({ ...coordinator(), name: 'Nul\u0000Name' });
      const response = await get('/cases', token);
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/claim name must not contain control characters/);
    });
  });
});

describe('Reading one’s writes at the ends of the store', () => {
  // A short wait, so the position never reached answers within the test.
  const t = useTestApp({
    env: { ...WITHOUT_APPROVALS, READ_WAIT_TIMEOUT_MS: '300' },
    users: { coordinator: coordinator() },
  });
  const { tokens } = t;

  const get = (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${tokens.coordinator}`);

  it('answers minPosition=0 caught up (it always waited the full time and said false)', async () => {
    const read = await get('/cases?minPosition=0');
    expect(read.status).toBe(200);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
  });

  it('answers a position beyond the store not caught up, after the wait', async () => {
    const beyond = await get('/cases?minPosition=9223372036854775807');
    expect(beyond.status).toBe(200);
    expect(beyond.headers['x-read-model-caught-up']).toBe('false');
  });

  it.each([
    ['a filter', '/cases?stage=nowhere&', 'stage'],
    ['a path id', '/cases/not-a-case/timeline?', 'id'],
    ['a page', '/shelters?page=0&', 'page'],
  ])('refuses %s beside a valid minPosition at once, without waiting for the read models', async (_, path, field) => {
    const response = await get(`${path}minPosition=9223372036854775807`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    // A read that waited says whether the read models caught up; this one was refused before.
    expect(response.headers['x-read-model-caught-up']).toBeUndefined();
  });
});
