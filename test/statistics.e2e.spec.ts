import type { PublishedStatistics } from '@nrm/statistics';
import { subtractionAttack } from '@nrm/statistics/testing';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { analyst, coordinator, responder, signToken, type TokenClaims } from './support/tokens';

const staff = (role: TokenClaims['roles'][number], orgType: TokenClaims['orgType'], org: string): TokenClaims => ({
  sub: `${role}-1`,
  name: `Staff ${role}`,
  org,
  orgType,
  roles: [role],
});

interface Person {
  year: '2025' | '2026';
  sex: 'female' | 'male' | 'unknown';
  dateOfBirth: string;
  exploitationTypes: string[];
  openedBy: 'police' | 'border';
}

/**
 * 40 people. 2025: 15 women born 1999 (age 26: 24--26), labour. 2026: 12 women, 11 men and 2 of
 * unknown sex; 23 born 1999 (27--29) and 2 born 2005 (21--23); all labour, 3 also sexual
 * exploitation; 3 identified by the border service. Everyone UZ, identification stage, pending.
 */
const PEOPLE: Person[] = [
  ...Array.from({ length: 15 }, (): Person => ({
    year: '2025',
    sex: 'female',
    dateOfBirth: '1999-04-12',
    exploitationTypes: ['labour'],
    openedBy: 'police',
  })),
  ...Array.from({ length: 12 }, (_, i): Person => ({
    year: '2026',
    sex: 'female',
    dateOfBirth: '1999-04-12',
    exploitationTypes: i < 3 ? ['labour', 'sexual'] : ['labour'],
    openedBy: i < 3 ? 'border' : 'police',
  })),
  ...Array.from({ length: 11 }, (): Person => ({
    year: '2026',
    sex: 'male',
    dateOfBirth: '1999-04-12',
    exploitationTypes: ['labour'],
    openedBy: 'police',
  })),
  ...Array.from({ length: 2 }, (): Person => ({
    year: '2026',
    sex: 'unknown',
    dateOfBirth: '2005-01-01',
    exploitationTypes: ['labour'],
    openedBy: 'police',
  })),
];

/** The true count of people for a dimension value (and year), computed from PEOPLE. */
function truth(dimension: string, value: string | undefined, year?: string): number {
  const ageGroup = (p: Person) => (p.dateOfBirth === '2005-01-01' ? '21--23' : p.year === '2025' ? '24--26' : '27--29');
  const valuesOf = (p: Person): string[] => {
    switch (dimension) {
      case 'sex':
        return [p.sex];
      case 'ageGroup':
        return [ageGroup(p)];
      case 'citizenship':
        return ['UZ'];
      case 'exploitationType':
        return p.exploitationTypes;
      case 'referringOrganisationType':
        return [p.openedBy];
      case 'stage':
        return ['identification'];
      case 'outcome':
        return ['pending-open'];
      default:
        throw new Error(dimension);
    }
  };
  return PEOPLE.filter(
    (p) => (year === undefined || p.year === year) && (value === undefined || valuesOf(p).includes(value)),
  ).length;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('GET /statistics', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      analyst: analyst(),
      coordinator: coordinator(),
      police: responder('police-baku', 'officer-s'),
      border: { ...responder('border-service', 'guard-s'), orgType: 'border' },
    },
  });
  const { tokens } = t;
  let position = '0';
  const caseIds: string[] = [];

  beforeAll(async () => {
    for (const person of PEOPLE) {
      const body = validCase();
      body.person.sex = person.sex;
      body.person.dateOfBirth = person.dateOfBirth;
      body.identification.identifiedAt =
        person.year === '2025' ? '2025-06-10T10:00:00+04:00' : '2026-11-20T14:30:00+04:00';
      body.exploitationTypes = person.exploitationTypes;
      const opened = await request(t.http)
        .post('/cases')
        .set('Authorization', `Bearer ${tokens[person.openedBy]}`)
        .send(body);
      expect(opened.status).toBe(201);
      caseIds.push(opened.body.caseId);
      position = opened.body.position;
    }
  }, 120_000);

  const get = (token: string, query = '', accept?: string) => {
    const call = request(t.http)
      .get(`/statistics?minPosition=${position}${query}`)
      .set('Authorization', `Bearer ${token}`);
    return accept ? call.set('Accept', accept) : call;
  };

  function expectTruthful(body: PublishedStatistics): void {
    for (const table of body.tables) {
      for (const { value, count } of table.overall) {
        const exact = truth(table.dimension, value);
        if (exact < 11)
          expect({ dimension: table.dimension, value, count }).toEqual({
            dimension: table.dimension,
            value,
            count: '<11',
          });
        else if (count !== '<11') expect(count).toBe(exact);
      }
      for (const row of table.byYear) {
        for (const { value, count } of row.cells) {
          const exact = truth(table.dimension, value, row.year);
          if (exact < 11) expect(count).toBe('<11');
          else if (count !== '<11') expect(count).toBe(exact);
        }
      }
    }
  }

  it('counts people by year and dimension for an analyst, with small cells shown as "<11"', async () => {
    const response = await get(tokens.analyst);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.body as PublishedStatistics & { generatedAt: string; unit: string };
    expect(body).toMatchObject({ k: 11, suppressedLabel: '<11', unit: 'people', total: 40 });
    expect(new Date(body.generatedAt).toString()).not.toBe('Invalid Date');
    expect(body.years).toEqual([
      { year: '2025', total: 15 },
      { year: '2026', total: 25 },
    ]);
    expect(body.tables.map((table) => table.dimension)).toEqual([
      'exploitationType',
      'sex',
      'ageGroup',
      'citizenship',
      'referringOrganisationType',
      'stage',
      'outcome',
    ]);
    const table = (dimension: string) => body.tables.find((candidate) => candidate.dimension === dimension)!;
    // Single-valued, one value: every cell is a year total.
    expect(table('citizenship').overall).toEqual([{ value: 'UZ', count: 40 }]);
    expect(table('citizenship').byYear).toEqual([
      { year: '2025', total: 15, cells: [{ value: 'UZ', count: 15 }] },
      { year: '2026', total: 25, cells: [{ value: 'UZ', count: 25 }] },
    ]);
    expect(table('outcome').overall).toEqual([{ value: 'pending-open', count: 40 }]);
    // Multi-valued: a person counts in each type; 3 people with sexual exploitation: "<11".
    expect(table('exploitationType')).toMatchObject({ multiValued: true, note: expect.stringContaining('each') });
    expect(table('exploitationType').overall).toEqual([
      { value: 'labour', count: 40 },
      { value: 'sexual', count: '<11' },
    ]);
    // 2 people of unknown sex, 3 identified by the border service: suppressed with a complement.
    expect(table('sex').overall.find((cell) => cell.value === 'unknown')!.count).toBe('<11');
    expect(table('referringOrganisationType').overall).toEqual([
      { value: 'border', count: '<11' },
      { value: 'police', count: '<11' },
    ]);
    expectTruthful(body);
  });

  it('lets no suppressed count be recovered by subtraction from the totals and margins', async () => {
    const response = await get(tokens.coordinator);
    expect(response.status).toBe(200);
    expect(subtractionAttack(response.body)).toEqual(new Map());
  });

  it('exports CSV with CTDC column names, by ?format=csv and by Accept: text/csv', async () => {
    const byQuery = await get(tokens.analyst, '&format=csv');
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers['content-type']).toMatch(/^text\/csv/);
    expect(byQuery.headers['content-disposition']).toMatch(
      /^attachment; filename="nrm-statistics-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = byQuery.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('yearOfRegistration,variable,value,count');
    expect(lines).toEqual(
      expect.arrayContaining([
        ',,,40',
        '2025,,,15',
        '2026,,,25',
        ',citizenship,UZ,40',
        '2025,citizenship,UZ,15',
        '2026,citizenship,UZ,25',
        ',isForcedLabour,1,40',
        ',isSexualExploit,1,<11',
        ',gender,Unknown,<11',
        ',outcome,pending-open,40',
      ]),
    );
    for (const line of lines.slice(1)) expect(line).toMatch(/^(\d{4})?,[A-Za-z]*,[^,]*,(\d+|<11)$/);
    expect(lines.some((line) => /^,ageBroad,(24--26|27--29|21--23),/.test(line))).toBe(true);

    const byAccept = await get(tokens.analyst, '', 'text/csv');
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(byAccept.text.split('\r\n')[0]).toBe('yearOfRegistration,variable,value,count');
  });

  it('shows no name, no person or case id', async () => {
    const json = JSON.stringify((await get(tokens.analyst)).body);
    const csv = (await get(tokens.analyst, '&format=csv')).text;
    for (const output of [json, csv]) {
      expect(output).not.toMatch(UUID);
      expect(output).not.toContain('Aysel');
      expect(output).not.toContain('Məmmədova');
      expect(output).not.toContain('Bakı');
      for (const caseId of caseIds) expect(output).not.toContain(caseId);
    }
  });

  it.each([
    ['first-responder', staff('first-responder', 'police', 'police-baku')],
    ['shelter-staff', staff('shelter-staff', 'ngo', 'ngo-shelter')],
    ['case-worker', staff('case-worker', 'ngo', 'ngo-clean-world')],
    [
      'competent-authority-officer',
      staff('competent-authority-officer', 'competent-authority', 'mia-anti-trafficking'),
    ],
    ['admin', staff('admin', 'coordinator', 'national-coordinator')],
  ])('refuses a %s with 403', async (_, claims) => {
    const response = await get(await signToken(claims));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(response.body)).not.toMatch(/"total"/);
  });

  it('is documented in OpenAPI: JSON schema with k, generatedAt, total, tables, and text/csv', async () => {
    const docs = (await request(t.http).get('/docs-json')).body;
    const ok = docs.paths['/statistics'].get.responses['200'];
    expect(Object.keys(ok.content)).toEqual(expect.arrayContaining(['application/json', 'text/csv']));
    const schema = docs.components.schemas.StatisticsDto;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['k', 'generatedAt', 'total', 'years', 'tables', 'suppressedLabel', 'unit']),
    );
    expect(docs.paths['/statistics'].get.parameters.map((p: { name: string }) => p.name)).toContain('format');
  });

  it('refuses a caller without a token with 401 and an unknown format with 400', async () => {
    expect((await request(t.http).get('/statistics')).status).toBe(401);
    expect((await get(tokens.analyst, '&format=xlsx')).status).toBe(400);
  });

  it('counts an erased person still: totals unchanged after an erasure order', async () => {
    const before = (await get(tokens.analyst)).body;
    const erased = await request(t.http)
      .post(`/cases/${caseIds[0]}/erase-personal-data`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send({ legalBasis: { authority: 'court', decisionNumber: '2-1234/2026', decidedOn: '2026-11-20' } });
    expect(erased.status).toBe(200);
    position = erased.body.position;
    const afterCase = await request(t.http)
      .get(`/cases/${caseIds[0]}?minPosition=${position}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(afterCase.body).toMatchObject({ personalDataErased: true });
    const after = (await get(tokens.analyst)).body;
    expect(after.total).toBe(40);
    expect({ ...after, generatedAt: undefined }).toEqual({ ...before, generatedAt: undefined });
  });

  it('shows closures in stage and outcome: 11 closed cases form a cell of their own', async () => {
    // Cases 27..37 are the 11 men identified in 2026.
    for (const caseId of caseIds.slice(27, 38)) {
      const closed = await request(t.http)
        .post(`/cases/${caseId}/close`)
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .send({ reason: 'lost-contact' });
      expect(closed.status).toBe(200);
      position = closed.body.position;
    }
    const body = (await get(tokens.analyst)).body as PublishedStatistics;
    const table = (dimension: string) => body.tables.find((candidate) => candidate.dimension === dimension)!;
    expect(body.total).toBe(40);
    expect(table('outcome').overall).toEqual([
      { value: 'pending-closed', count: 11 },
      { value: 'pending-open', count: 29 },
    ]);
    expect(table('stage').overall).toEqual([
      { value: 'closed', count: 11 },
      { value: 'identification', count: 29 },
    ]);
    // 2025 has no closed case (0, hidden with its complement), so the year rows are hidden too.
    expect(table('outcome').byYear.find((row) => row.year === '2025')!.cells).toEqual([
      { value: 'pending-closed', count: '<11' },
      { value: 'pending-open', count: '<11' },
    ]);
    expect(subtractionAttack(body)).toEqual(new Map());
  });
});
