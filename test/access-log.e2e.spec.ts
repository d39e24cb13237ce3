import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createHttpApp } from '../apps/api/src/http-app';
import { validCase } from './support/case-bodies';
import { startTestApp, type TestApp } from './support/test-app';
import { analyst, competentAuthority, coordinator, responder, signToken } from './support/tokens';

const ALL_CATEGORIES = [
  'identity',
  'identification-circumstances',
  'exploitation-and-indicators',
  'narrative',
  'care-needs',
];

interface Entry {
  type: 'read' | 'disclosure';
  at: string;
  by: { userId: string; name: string | null; organisationId: string; organisationType: string | null };
  endpoint?: string;
  disclosure?: string;
  recipient?: { organisationId: string; organisationType: string | null; shelterId: string | null };
  categories?: string[];
  position?: string;
}

/** Runs SQL on the test database directly (bypassing the API). */
async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The CLI's rebuild-read-models command, run as an operator would (npm run rebuild-read-models). */
function rebuildReadModels(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/cli/src/main.ts',
        'rebuild-read-models',
      ],
      { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('Access log: read audit and disclosure record', () => {
  let t: TestApp;
  let app: INestApplication;
  let http: TestApp['http'];
  let officer: string;
  let colleague: string;
  let foreignOfficer: string;
  let authority: string;
  let coord: string;
  let statistician: string;
  let lastPosition = '0';

  beforeAll(async () => {
    t = await startTestApp();
    app = t.app;
    http = t.http;
    [officer, colleague, foreignOfficer, authority, coord, statistician] = await Promise.all([
      signToken(responder('police-baku', 'officer-a')),
      signToken(responder('police-baku', 'officer-b')),
      signToken(responder('police-ganja', 'officer-g')),
      signToken(competentAuthority('mia-officer-1', 'MIA Officer')),
      signToken(coordinator()),
      signToken(analyst()),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await t.database.drop();
  });

  const get = (path: string, token: string) => request(http).get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: object) =>
    request(http).post(path).set('Authorization', `Bearer ${token}`).send(body);

  function track(position: string): string {
    if (BigInt(position) > BigInt(lastPosition)) lastPosition = position;
    return position;
  }

  async function openCase(token = officer, person: object = {}): Promise<{ caseId: string; position: string }> {
    const body = validCase();
    const opened = await post('/cases', token, { ...body, person: { ...body.person, ...person } });
    expect(opened.status).toBe(201);
    return { caseId: opened.body.caseId, position: track(opened.body.position) };
  }

  async function accessLog(caseId: string, position = lastPosition, query = ''): Promise<Entry[]> {
    const response = await get(`/cases/${caseId}/access-log?minPosition=${position}${query}`, coord);
    expect(response.status).toBe(200);
    expect(response.headers['x-read-model-caught-up']).toBe('true');
    return response.body.items;
  }

  const reads = (entries: Entry[]) => entries.filter((entry) => entry.type === 'read');
  const disclosures = (entries: Entry[]) => entries.filter((entry) => entry.type === 'disclosure');

  it('records who read a case, from which organisation, when and through which endpoint', async () => {
    const { caseId, position } = await openCase();
    const before = Date.now();
    expect((await get(`/cases/${caseId}?minPosition=${position}`, officer)).status).toBe(200);
    expect((await get(`/cases/${caseId}?minPosition=${position}`, colleague)).status).toBe(200);
    expect((await get(`/cases/${caseId}/timeline?minPosition=${position}`, authority)).status).toBe(200);
    expect((await get(`/cases/${caseId}`, coord)).status).toBe(200);

    const log = await accessLog(caseId);
    expect(reads(log).map((entry) => [entry.endpoint, entry.by.userId, entry.by.organisationId])).toEqual([
      ['GET /cases/{id}', 'officer-a', 'police-baku'],
      ['GET /cases/{id}', 'officer-b', 'police-baku'],
      ['GET /cases/{id}/timeline', 'mia-officer-1', 'mia-anti-trafficking'],
      ['GET /cases/{id}', 'coordinator-1', 'national-coordinator'],
    ]);
    expect(reads(log)[0].by).toEqual({
      userId: 'officer-a',
      name: 'Officer officer-a',
      organisationId: 'police-baku',
      organisationType: 'police',
    });
    expect(reads(log)[2].by.organisationType).toBe('competent-authority');
    for (const entry of reads(log)) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    // In time order; reading the access log is not itself a read.
    const times = log.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(reads(await accessLog(caseId))).toHaveLength(4);
    // Nothing in it names the person.
    expect(JSON.stringify(log)).not.toMatch(/Aysel|Məmmədova/);
  });

  it('a 404 read records nothing: neither a hidden case nor a missing one', async () => {
    const { caseId, position } = await openCase();
    const hidden = await get(`/cases/${caseId}?minPosition=${position}`, foreignOfficer);
    expect(hidden.status).toBe(404);
    expect((await get(`/cases/${caseId}/timeline`, foreignOfficer)).status).toBe(404);
    const missing = randomUUID();
    expect((await get(`/cases/${missing}`, coord)).status).toBe(404);
    expect((await get(`/cases/${missing}/timeline`, coord)).status).toBe(404);

    expect(reads(await accessLog(caseId))).toEqual([]);
    expect(await sql(t.database.url, `SELECT * FROM case_read_log WHERE user_id = 'officer-g'`)).toEqual([]);
    expect(await sql(t.database.url, `SELECT * FROM case_read_log WHERE case_id = $1`, [missing])).toEqual([]);
  });

  it('a list records one read per case listed, and only those listed', async () => {
    const lister = await signToken(responder('police-sumqayit', 'officer-s'));
    const first = await openCase(lister);
    const second = await openCase(lister);
    const third = await openCase(lister);
    const listed = await get(`/cases?minPosition=${third.position}`, lister);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [first.caseId, second.caseId, third.caseId].sort(),
    );
    for (const { caseId } of [first, second, third]) {
      expect(reads(await accessLog(caseId)).map((entry) => [entry.endpoint, entry.by.userId])).toEqual([
        ['GET /cases', 'officer-s'],
      ]);
    }

    // Newest first: a page of one shows (and records) only the newest case.
    const page = await get(`/cases?pageSize=1`, lister);
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([third.caseId]);
    expect(reads(await accessLog(third.caseId))).toHaveLength(2);
    expect(reads(await accessLog(first.caseId))).toHaveLength(1);

    // A list that shows nothing records nothing.
    const empty = await get(`/cases?q=no-such-number`, lister);
    expect(empty.body.items).toEqual([]);
    expect(reads(await accessLog(second.caseId))).toHaveLength(1);
  });

  it('records referral, placement and transfer as disclosures: recipient and categories of data', async () => {
    const { caseId } = await openCase();
    const referred = await post(`/cases/${caseId}/referral`, officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
    });
    expect(referred.status).toBe(200);
    // The client sees the disclosure of its own referral at once with minPosition.
    const afterReferral = await accessLog(caseId, track(referred.body.position));
    expect(disclosures(afterReferral)).toEqual([
      {
        type: 'disclosure',
        at: expect.any(String),
        by: {
          userId: 'officer-a',
          name: 'Officer officer-a',
          organisationId: 'police-baku',
          organisationType: 'police',
        },
        disclosure: 'referral',
        recipient: {
          organisationId: 'mia-anti-trafficking',
          organisationType: 'competent-authority',
          shelterId: null,
          shelterName: null,
          placementId: null,
        },
        categories: ALL_CATEGORIES,
        position: referred.body.position,
      },
    ]);

    const shelter = await post('/shelters', coord, {
      name: 'Bakı Qadın Sığınacağı',
      operatorOrgId: 'ngo-tamas',
      region: 'Bakı',
      beds: 3,
      accepts: ['women'],
    });
    expect(shelter.status).toBe(201);
    track(shelter.body.position);
    const placed = await post(`/cases/${caseId}/placements`, officer, {
      shelterId: shelter.body.shelterId,
      needs: ['medical-care'],
    });
    expect(placed.status).toBe(201);
    const afterPlacement = disclosures(await accessLog(caseId, track(placed.body.position)));
    expect(afterPlacement).toHaveLength(2);
    expect(afterPlacement[1]).toMatchObject({
      disclosure: 'placement',
      by: { userId: 'officer-a', organisationId: 'police-baku' },
      recipient: {
        organisationId: 'ngo-tamas',
        shelterId: shelter.body.shelterId,
        shelterName: 'Bakı Qadın Sığınacağı',
        placementId: placed.body.placementId,
      },
      // A shelter receives the care view only.
      categories: ['identity', 'care-needs'],
      position: placed.body.position,
    });

    // The shelter's staff read the case's care view; a coordinator reads the shelter with its placements.
    const staff = await signToken({
      sub: 'staff-1',
      name: 'Staff staff-1',
      org: 'ngo-tamas',
      orgType: 'ngo',
      roles: ['shelter-staff'],
    });
    expect((await get(`/cases/${caseId}?minPosition=${placed.body.position}`, staff)).status).toBe(200);
    expect((await get(`/shelters/${shelter.body.shelterId}?minPosition=${placed.body.position}`, coord)).status).toBe(
      200,
    );
    expect(reads(await accessLog(caseId)).map((entry) => [entry.endpoint, entry.by.userId])).toEqual([
      ['GET /cases/{id}', 'staff-1'],
      ['GET /shelters/{id}', 'coordinator-1'],
    ]);

    const transferred = await post(`/cases/${caseId}/transfer`, officer, {
      toOrganisationId: 'ngo-clean-world',
      toOrganisationType: 'ngo',
      reason: 'Case management by the NGO in Gəncə',
    });
    expect(transferred.status).toBe(200);
    const all = disclosures(await accessLog(caseId, track(transferred.body.position)));
    expect(all.map((entry) => [entry.disclosure, entry.recipient?.organisationId])).toEqual([
      ['referral', 'mia-anti-trafficking'],
      ['placement', 'ngo-tamas'],
      ['transfer', 'ngo-clean-world'],
    ]);
    expect(all[2]).toMatchObject({
      recipient: { organisationType: 'ngo' },
      categories: ALL_CATEGORIES,
      by: { userId: 'officer-a' },
    });
    expect(JSON.stringify(all)).not.toMatch(/Aysel|Məmmədova|Gəncə/);
  });

  it('records the notification of the child-protection body as a disclosure', async () => {
    const { caseId } = await openCase(officer, { dateOfBirth: '2011-03-02' });
    const notified = await post(`/cases/${caseId}/child-protection-notification`, officer, {
      childProtectionOrgId: 'child-protection-baku',
      notifiedAt: '2026-11-20T16:00:00+04:00',
    });
    expect(notified.status).toBe(200);
    expect(disclosures(await accessLog(caseId, track(notified.body.position)))).toEqual([
      expect.objectContaining({
        disclosure: 'child-protection-notification',
        at: '2026-11-20T12:00:00.000Z',
        recipient: expect.objectContaining({
          organisationId: 'child-protection-baku',
          organisationType: 'child-protection',
        }),
        categories: ['identity', 'identification-circumstances', 'care-needs'],
      }),
    ]);
  });

  it('pages through reads and disclosures together, oldest first', async () => {
    const { caseId, position } = await openCase();
    for (let i = 0; i < 3; i++)
      expect((await get(`/cases/${caseId}?minPosition=${position}`, officer)).status).toBe(200);
    const referred = await post(`/cases/${caseId}/referral`, officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
    });
    track(referred.body.position);
    expect((await get(`/cases/${caseId}?minPosition=${referred.body.position}`, coord)).status).toBe(200);

    const first = await get(`/cases/${caseId}/access-log?minPosition=${lastPosition}&pageSize=2`, coord);
    const second = await get(`/cases/${caseId}/access-log?pageSize=2&page=2`, coord);
    const third = await get(`/cases/${caseId}/access-log?pageSize=2&page=3`, coord);
    expect([first.body.total, first.body.page, first.body.pageSize]).toEqual([5, 1, 2]);
    const types = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (entry: Entry) => `${entry.type}:${entry.by.userId}`,
    );
    expect(types).toEqual([
      'read:officer-a',
      'read:officer-a',
      'read:officer-a',
      'disclosure:officer-a',
      'read:coordinator-1',
    ]);
    expect((await get(`/cases/${caseId}/access-log?pageSize=0`, coord)).status).toBe(400);
    expect((await get(`/cases/${caseId}/access-log?colour=red`, coord)).status).toBe(400);
  });

  it('is for coordinators only: 403 for every other role, 404 for a case that does not exist', async () => {
    const { caseId, position } = await openCase();
    const caseWorker = await signToken({
      sub: 'worker-1',
      name: 'Worker',
      org: 'police-baku',
      orgType: 'ngo',
      roles: ['case-worker'],
    });
    for (const token of [officer, authority, statistician, caseWorker]) {
      const refused = await get(`/cases/${caseId}/access-log?minPosition=${position}`, token);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const missing = await get(`/cases/${randomUUID()}/access-log?minPosition=${position}`, coord);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get(`/cases/not-a-uuid/access-log`, coord)).status).toBe(400);
    expect((await request(http).get(`/cases/${caseId}/access-log`)).status).toBe(401);
  });

  it('is documented in OpenAPI', async () => {
    const docs = await request(http).get('/docs-json');
    const operation = docs.body.paths['/cases/{id}/access-log']?.get;
    expect(operation).toBeDefined();
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'minPosition', 'page', 'pageSize']),
    );
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
  });

  it('the read log is append-only in the database: UPDATE, DELETE and TRUNCATE fail', async () => {
    const { caseId, position } = await openCase();
    expect((await get(`/cases/${caseId}?minPosition=${position}`, officer)).status).toBe(200);
    const url = t.database.url;
    await expect(sql(url, `UPDATE case_read_log SET user_id = 'nobody' WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(url, `DELETE FROM case_read_log WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(sql(url, `TRUNCATE case_read_log`)).rejects.toThrow(/append-only/);
    expect(await sql(url, `SELECT user_id FROM case_read_log WHERE case_id = $1`, [caseId])).toEqual([
      { user_id: 'officer-a' },
    ]);
  });

  it('fails closed: when the read cannot be recorded, the case is not shown', async () => {
    const { caseId, position } = await openCase();
    const url = t.database.url;
    await sql(
      url,
      `CREATE FUNCTION test_refuse_reads() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$`,
    );
    await sql(
      url,
      `CREATE TRIGGER test_refuse_reads BEFORE INSERT ON case_read_log FOR EACH ROW EXECUTE FUNCTION test_refuse_reads()`,
    );
    try {
      const read = await get(`/cases/${caseId}?minPosition=${position}`, officer);
      expect(read.status).toBe(500);
      expect(JSON.stringify(read.body)).not.toMatch(/Aysel|Məmmədova/);
      const listed = await get(`/cases`, officer);
      expect(listed.status).toBe(500);
      expect(JSON.stringify(listed.body)).not.toMatch(/Aysel|Məmmədova/);
    } finally {
      await sql(url, `DROP TRIGGER test_refuse_reads ON case_read_log`);
      await sql(url, `DROP FUNCTION test_refuse_reads()`);
    }
    expect((await get(`/cases/${caseId}`, officer)).status).toBe(200);
  });

  it('survives a rebuild of the read models: reads stay, disclosures are projected again', async () => {
    const { caseId, position } = await openCase();
    expect((await get(`/cases/${caseId}?minPosition=${position}`, colleague)).status).toBe(200);
    const referred = await post(`/cases/${caseId}/referral`, officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
    });
    track(referred.body.position);
    const before = await accessLog(caseId);
    expect(before.map((entry) => entry.type)).toEqual(['read', 'disclosure']);
    const url = t.database.url;
    const readsBefore = await sql(url, `SELECT * FROM case_read_log ORDER BY read_id`);
    const disclosuresBefore = await sql(url, `SELECT * FROM case_disclosures ORDER BY global_position`);
    expect(disclosuresBefore.length).toBeGreaterThanOrEqual(4);

    // The rebuild waits for the projections' locks: stop the app's worker first, as an operator would.
    await app.close();
    // A stray row in the read model: the rebuild must empty the table (it would survive otherwise).
    await sql(
      url,
      `INSERT INTO case_disclosures (global_position, case_id, event_type, kind, recipient_organisation_id,
         categories, disclosed_by_user_id, disclosed_by_organisation_id, disclosed_at)
       VALUES (999999999, $1, 'CaseReferred', 'referral', 'stray', '{identity}', 'x', 'x', now())`,
      [caseId],
    );
    const rebuilt = await rebuildReadModels();
    expect(rebuilt).toMatchObject({ code: 0 });
    expect(await sql(url, `SELECT * FROM case_read_log ORDER BY read_id`)).toEqual(readsBefore);
    expect(await sql(url, `SELECT * FROM case_disclosures ORDER BY global_position`)).toEqual(disclosuresBefore);

    app = await createHttpApp({ withWorker: true });
    await app.init();
    http = app.getHttpServer();
    expect(await accessLog(caseId)).toEqual(before);
  }, 120_000);
});
