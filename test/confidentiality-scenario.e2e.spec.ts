import request from 'supertest';
import { validCase } from './support/case-bodies';
import { dumpRedis, occurrences, pgDump } from './support/dumps';
import { useTestApp } from './support/test-app';
import { analyst, competentAuthority, officersAndCoordinator } from './support/tokens';

/** The person this scenario is about: none of it may be found anywhere after the erasure. */
const PERSON = {
  givenName: 'Sevinjgul',
  familyName: 'Shredovna-Qaraqoyunlu',
  narrative: 'Sevinjgul was kept at the Shamakhi road workshop.',
  referralNote: 'Sevinjgul asks to be met by a woman officer.',
};

interface AccessLogEntry {
  type: 'read' | 'disclosure';
  endpoint?: string;
  by: { userId: string; organisationId: string };
  recipient?: { organisationId: string };
  categories?: string[];
}

/**
 * Issue 5, as it will be checked, through HTTP only: reads by several people are recorded, a
 * refused read is not; an erasure order leaves the person's name nowhere in a pg_dump or the Redis
 * keyspace; the statistics totals do not change; the access log still shows every read made before.
 */
describe("Confidentiality from first read to erasure (the issue's check)", () => {
  const t = useTestApp({
    users: {
      ...officersAndCoordinator('officer-s1', 'officer-s2'),
      authority: competentAuthority('ca-officer-7'),
      analyst: analyst(),
    },
  });
  const { tokens } = t;

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: object) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);

  // Thirteen openings, a pg_dump and a Redis scan: about 10 s alone, more beside the other suites.
  it('erasure: nothing of the person in pg_dump or Redis, statistics unchanged, every earlier read still in the access log', async () => {
    // Twelve other people, so that the totals are published (k = 11), then the person.
    for (let i = 0; i < 12; i++) expect((await post('/cases', tokens.officer, validCase())).status).toBe(201);
    const body = validCase();
    const opened = await post('/cases', tokens.officer, {
      ...body,
      person: { ...body.person, givenName: PERSON.givenName, familyName: PERSON.familyName },
      narrative: PERSON.narrative,
    });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    const referred = await post(`/cases/${caseId}/referral`, tokens.officer, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
      note: PERSON.referralNote,
    });
    expect(referred.status).toBe(200);

    // Reads by three people through three endpoints; a foreign officer is refused (404: nothing shown).
    const read = await get(`/cases/${caseId}?minPosition=${referred.body.position}`, tokens.officer);
    expect(read.body.person).toMatchObject({ givenName: PERSON.givenName });
    expect((await get(`/cases/${caseId}/timeline`, tokens.authority)).status).toBe(200);
    const listed = await get(`/cases?q=${encodeURIComponent(opened.body.caseNumber)}`, tokens.coordinator);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([caseId]);
    expect((await get(`/cases/${caseId}`, tokens.otherOfficer)).status).toBe(404);
    expect((await get(`/cases/${caseId}`, tokens.analyst)).status).toBe(403);

    const statisticsBefore = await get(`/statistics?minPosition=${referred.body.position}`, tokens.analyst);
    expect(statisticsBefore.status).toBe(200);
    expect(statisticsBefore.body.total).toBe(13);

    const erased = await post(`/cases/${caseId}/erase-personal-data`, tokens.coordinator, {
      legalBasis: { authority: 'prosecutor', decisionNumber: 'PR-2026/118', decidedOn: '2026-11-20' },
    });
    expect(erased.status).toBe(200);
    const after = await get(`/cases/${caseId}?minPosition=${erased.body.position}`, tokens.coordinator);
    expect(after.body).toMatchObject({ person: null, narrative: null, personalDataErased: true });
    // The timeline projection has caught up too.
    await get(`/cases/${caseId}/timeline?minPosition=${erased.body.position}`, tokens.coordinator);

    const dump = await pgDump(t.database.url);
    const redis = await dumpRedis();
    expect(redis.keys.length).toBeGreaterThan(0);
    for (const text of Object.values(PERSON)) {
      expect({ text, inPgDump: occurrences(dump, text), inRedis: occurrences(redis.text, text) }).toEqual({
        text,
        inPgDump: 0,
        inRedis: 0,
      });
    }

    const statisticsAfter = await get(`/statistics?minPosition=${erased.body.position}`, tokens.analyst);
    expect({ ...statisticsAfter.body, generatedAt: 'now' }).toEqual({ ...statisticsBefore.body, generatedAt: 'now' });

    const log = await get(`/cases/${caseId}/access-log?pageSize=100`, tokens.coordinator);
    expect(log.status).toBe(200);
    const entries: AccessLogEntry[] = log.body.items;
    const reads = entries.filter((entry) => entry.type === 'read').map((e) => `${e.by.userId} ${e.endpoint}`);
    expect(reads).toEqual(
      expect.arrayContaining([
        'officer-s1 GET /cases/{id}',
        'ca-officer-7 GET /cases/{id}/timeline',
        'coordinator-1 GET /cases',
        'coordinator-1 GET /cases/{id}',
      ]),
    );
    expect(reads.some((entry) => entry.startsWith('officer-s2') || entry.startsWith('analyst'))).toBe(false);
    expect(entries).toContainEqual(
      expect.objectContaining({
        type: 'disclosure',
        recipient: expect.objectContaining({ organisationId: 'mia-anti-trafficking' }),
        categories: expect.arrayContaining(['identity', 'narrative']),
      }),
    );
  }, 90_000);
});
