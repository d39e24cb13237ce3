import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { queryRows } from './support/events';
import { runCli } from './support/processes';
import { useTestApp } from './support/test-app';
import {
  analyst,
  caseWorker,
  competentAuthority,
  officersAndCoordinator,
  responder,
  shelterStaff,
  signToken,
} from './support/tokens';

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

/** The CLI's rebuild-read-models command, run as an operator would (npm run rebuild-read-models). */
const rebuildReadModels = () => runCli('rebuild-read-models');

describe('Access log: read audit and disclosure record', () => {
  const t = useTestApp({
    users: {
      ...officersAndCoordinator('officer-a'),
      colleague: responder('police-baku', 'officer-b'),
      authority: competentAuthority('mia-officer-1', 'MIA Officer'),
      statistician: analyst(),
      staff: shelterStaff(),
      caseWorker: caseWorker({ sub: 'worker-1' }),
    },
  });
  const { tokens } = t;
  let lastPosition = '0';

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: object) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);

  function track(position: string): string {
    if (BigInt(position) > BigInt(lastPosition)) lastPosition = position;
    return position;
  }

  async function openCase(token = tokens.officer, person: object = {}): Promise<{ caseId: string; position: string }> {
    const body = validCase();
    const opened = await post('/cases', token, { ...body, person: { ...body.person, ...person } });
    expect(opened.status).toBe(201);
    return { caseId: opened.body.caseId, position: track(opened.body.position) };
  }

  async function accessLog(caseId: string, position = lastPosition, query = ''): Promise<Entry[]> {
    const response = await get(`/cases/${caseId}/access-log?minPosition=${position}${query}`, tokens.coordinator);
    expect(response.status).toBe(200);
    expect(response.headers['x-read-model-caught-up']).toBe('true');
    return response.body.items;
  }

  const reads = (entries: Entry[]) => entries.filter((entry) => entry.type === 'read');
  const disclosures = (entries: Entry[]) => entries.filter((entry) => entry.type === 'disclosure');

  it('records who read a case, from which organisation, when and through which endpoint', async () => {
    const { caseId, position } = await openCase();
    const before = Date.now();
    expect((await get(`/cases/${caseId}?minPosition=${position}`, tokens.officer)).status).toBe(200);
    expect((await get(`/cases/${caseId}?minPosition=${position}`, tokens.colleague)).status).toBe(200);
    expect((await get(`/cases/${caseId}/timeline?minPosition=${position}`, tokens.authority)).status).toBe(200);
    expect((await get(`/cases/${caseId}`, tokens.coordinator)).status).toBe(200);

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
    const hidden = await get(`/cases/${caseId}?minPosition=${position}`, tokens.otherOfficer);
    expect(hidden.status).toBe(404);
    expect((await get(`/cases/${caseId}/timeline`, tokens.otherOfficer)).status).toBe(404);
    const missing = randomUUID();
    expect((await get(`/cases/${missing}`, tokens.coordinator)).status).toBe(404);
    expect((await get(`/cases/${missing}/timeline`, tokens.coordinator)).status).toBe(404);

    expect(reads(await accessLog(caseId))).toEqual([]);
    expect(await queryRows(t.database.url, `SELECT * FROM case_read_log WHERE user_id = 'officer-g'`)).toEqual([]);
    expect(await queryRows(t.database.url, `SELECT * FROM case_read_log WHERE case_id = $1`, [missing])).toEqual([]);
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
    const referred = await post(`/cases/${caseId}/referral`, tokens.officer, {
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

    const shelter = await post('/shelters', tokens.coordinator, {
      name: 'Bakı Qadın Sığınacağı',
      operatorOrgId: 'ngo-tamas',
      region: 'Bakı',
      beds: 3,
      accepts: ['women'],
    });
    expect(shelter.status).toBe(201);
    track(shelter.body.position);
    const placed = await post(`/cases/${caseId}/placements`, tokens.officer, {
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
    expect((await get(`/cases/${caseId}?minPosition=${placed.body.position}`, tokens.staff)).status).toBe(200);
    expect(
      (await get(`/shelters/${shelter.body.shelterId}?minPosition=${placed.body.position}`, tokens.coordinator)).status,
    ).toBe(200);
    expect(reads(await accessLog(caseId)).map((entry) => [entry.endpoint, entry.by.userId])).toEqual([
      ['GET /cases/{id}', 'staff-1'],
      ['GET /shelters/{id}', 'coordinator-1'],
    ]);

    const transferred = await post(`/cases/${caseId}/transfer`, tokens.officer, {
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
    const { caseId } = await openCase(tokens.officer, { dateOfBirth: '2011-03-02' });
    const notified = await post(`/cases/${caseId}/child-protection-notification`, tokens.officer, {
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
      expect((await get(`/cases/${caseId}?minPosition=${position}`, tokens.officer)).status).toBe(200);
    const referred = await post(`/cases/${caseId}/referral`, tokens.officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
    });
    track(referred.body.position);
    expect((await get(`/cases/${caseId}?minPosition=${referred.body.position}`, tokens.coordinator)).status).toBe(200);

    const first = await get(`/cases/${caseId}/access-log?minPosition=${lastPosition}&pageSize=2`, tokens.coordinator);
    const second = await get(`/cases/${caseId}/access-log?pageSize=2&page=2`, tokens.coordinator);
    const third = await get(`/cases/${caseId}/access-log?pageSize=2&page=3`, tokens.coordinator);
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
    expect((await get(`/cases/${caseId}/access-log?pageSize=0`, tokens.coordinator)).status).toBe(400);
    expect((await get(`/cases/${caseId}/access-log?colour=red`, tokens.coordinator)).status).toBe(400);
  });

  it('is for coordinators only: 403 for every other role, 404 for a case that does not exist', async () => {
    const { caseId, position } = await openCase();
    for (const token of [tokens.officer, tokens.authority, tokens.statistician, tokens.caseWorker]) {
      const refused = await get(`/cases/${caseId}/access-log?minPosition=${position}`, token);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const missing = await get(`/cases/${randomUUID()}/access-log?minPosition=${position}`, tokens.coordinator);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get(`/cases/not-a-uuid/access-log`, tokens.coordinator)).status).toBe(400);
    expect((await request(t.http).get(`/cases/${caseId}/access-log`)).status).toBe(401);
  });

  it('is documented in OpenAPI', async () => {
    const docs = await request(t.http).get('/docs-json');
    const operation = docs.body.paths['/cases/{id}/access-log']?.get;
    expect(operation).toBeDefined();
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'minPosition', 'page', 'pageSize']),
    );
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
  });

  it('the read log is append-only in the database: UPDATE, DELETE and TRUNCATE fail', async () => {
    const { caseId, position } = await openCase();
    expect((await get(`/cases/${caseId}?minPosition=${position}`, tokens.officer)).status).toBe(200);
    const url = t.database.url;
    await expect(
      queryRows(url, `UPDATE case_read_log SET user_id = 'nobody' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    await expect(queryRows(url, `DELETE FROM case_read_log WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /append-only/,
    );
    await expect(queryRows(url, `TRUNCATE case_read_log`)).rejects.toThrow(/append-only/);
    expect(await queryRows(url, `SELECT user_id FROM case_read_log WHERE case_id = $1`, [caseId])).toEqual([
      { user_id: 'officer-a' },
    ]);
  });

  it('fails closed: when the read cannot be recorded, the case is not shown', async () => {
    const { caseId, position } = await openCase();
    const url = t.database.url;
    await queryRows(
      url,
      `CREATE FUNCTION test_refuse_reads() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$`,
    );
    await queryRows(
      url,
      `CREATE TRIGGER test_refuse_reads BEFORE INSERT ON case_read_log FOR EACH ROW EXECUTE FUNCTION test_refuse_reads()`,
    );
    try {
      const read = await get(`/cases/${caseId}?minPosition=${position}`, tokens.officer);
      expect(read.status).toBe(500);
      expect(JSON.stringify(read.body)).not.toMatch(/Aysel|Məmmədova/);
      const listed = await get(`/cases`, tokens.officer);
      expect(listed.status).toBe(500);
      expect(JSON.stringify(listed.body)).not.toMatch(/Aysel|Məmmədova/);
    } finally {
      await queryRows(url, `DROP TRIGGER test_refuse_reads ON case_read_log`);
      await queryRows(url, `DROP FUNCTION test_refuse_reads()`);
    }
    expect((await get(`/cases/${caseId}`, tokens.officer)).status).toBe(200);
  });

  it('survives a rebuild of the read models: reads stay, disclosures are projected again', async () => {
    const { caseId, position } = await openCase();
    expect((await get(`/cases/${caseId}?minPosition=${position}`, tokens.colleague)).status).toBe(200);
    const referred = await post(`/cases/${caseId}/referral`, tokens.officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
    });
    track(referred.body.position);
    const before = await accessLog(caseId);
    expect(before.map((entry) => entry.type)).toEqual(['read', 'disclosure']);
    const url = t.database.url;
    const readsBefore = await queryRows(url, `SELECT * FROM case_read_log ORDER BY read_id`);
    const disclosuresBefore = await queryRows(url, `SELECT * FROM case_disclosures ORDER BY global_position`);
    expect(disclosuresBefore.length).toBeGreaterThanOrEqual(4);

    // The rebuild waits for the projections' locks: stop the app's worker first, as an operator would.
    await t.stop();
    // A stray row in the read model: the rebuild must empty the table (it would survive otherwise).
    await queryRows(
      url,
      `INSERT INTO case_disclosures (global_position, case_id, event_type, kind, recipient_organisation_id,
         categories, disclosed_by_user_id, disclosed_by_organisation_id, disclosed_at)
       VALUES (999999999, $1, 'CaseReferred', 'referral', 'stray', '{identity}', 'x', 'x', now())`,
      [caseId],
    );
    const rebuilt = await rebuildReadModels();
    expect(rebuilt).toMatchObject({ code: 0 });
    expect(await queryRows(url, `SELECT * FROM case_read_log ORDER BY read_id`)).toEqual(readsBefore);
    expect(await queryRows(url, `SELECT * FROM case_disclosures ORDER BY global_position`)).toEqual(disclosuresBefore);

    await t.restart();
    expect(await accessLog(caseId)).toEqual(before);
  }, 120_000);
});
