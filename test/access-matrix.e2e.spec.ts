import { randomUUID } from 'node:crypto';
import type { OrganisationType, Role } from '@nrm/shared-kernel';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { queryRows } from './support/events';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { signToken } from './support/tokens';
import { isoDay } from './support/dates';

/**
 * Need to know (DESIGN §4, §5; issue 5 item 1): every endpoint × every role × own and foreign
 * organisation, with the answer each one must get.
 *
 * - 'ok': access granted. The status is a 2xx, or a 409/422 domain refusal (the command reached the
 *   case's rules: earlier rows may have changed the case, so a rule may now refuse it).
 * - 403: refused by role, before anything is looked up.
 * - 404: the case (or notification) is not visible to the caller; the answer must be the very same as
 *   for one that does not exist (status, title, type, detail apart from the id).
 *
 * "own" is the organisation with a tie to the fixture case (its owner, the organisation it was
 * referred to, the operator of the shelter it is placed at); "foreign" an organisation without one.
 */

type Outcome = 'ok' | 403 | 404;
type Cell = readonly [own: Outcome, foreign: Outcome];
type RoleKey = 'FR' | 'CA' | 'SS' | 'CW' | 'CO' | 'AN' | 'AD';

const OK: Cell = ['ok', 'ok'];
/** Only the organisation with a tie to the case (or notification) sees it. */
const OWN: Cell = ['ok', 404];
/** Only the shelter operator's staff: others 403 (placements and shelters are not cases). */
const OPERATOR: Cell = ['ok', 403];
const NO: Cell = [403, 403];
const HIDDEN: Cell = [404, 404];

const ROLE_OF: Record<RoleKey, Role> = {
  FR: 'first-responder',
  CA: 'competent-authority-officer',
  SS: 'shelter-staff',
  CW: 'case-worker',
  CO: 'coordinator',
  AN: 'analyst',
  AD: 'admin',
};

const ORG = {
  owner: 'police-baku',
  foreignOwner: 'border-guard-astara',
  authority: 'mia-anti-trafficking',
  otherAuthority: 'state-migration-service',
  shelterOperator: 'ngo-tamas',
  otherShelterOperator: 'ngo-ganja-shelter',
  unrelatedNgo: 'ngo-clean-world',
  coordinator: 'national-coordinator',
  otherCoordinator: 'coordinator-ganja',
  statistics: 'state-statistics-committee',
  otherStatistics: 'statistics-research-unit',
  it: 'it-operations',
  otherIt: 'it-operations-reserve',
} as const;

interface Persona {
  org: string;
  orgType: OrganisationType;
}

/** A role's own and foreign organisation, with their types (the foreign one of the own one's unless said). */
const ownAndForeign = (
  own: string,
  ownType: OrganisationType,
  foreign: string,
  foreignType = ownType,
): readonly [Persona, Persona] => [
  { org: own, orgType: ownType },
  { org: foreign, orgType: foreignType },
];

/** Own and foreign organisation of each role. */
const PERSONAS: Record<RoleKey, readonly [Persona, Persona]> = {
  FR: ownAndForeign(ORG.owner, 'police', ORG.foreignOwner, 'border'),
  CA: ownAndForeign(ORG.authority, 'competent-authority', ORG.otherAuthority, 'migration'),
  SS: ownAndForeign(ORG.shelterOperator, 'ngo', ORG.otherShelterOperator),
  CW: ownAndForeign(ORG.authority, 'competent-authority', ORG.unrelatedNgo, 'ngo'),
  CO: ownAndForeign(ORG.coordinator, 'coordinator', ORG.otherCoordinator),
  AN: ownAndForeign(ORG.statistics, 'statistics', ORG.otherStatistics),
  AD: ownAndForeign(ORG.it, 'coordinator', ORG.otherIt),
};

const ROLE_KEYS = Object.keys(ROLE_OF) as RoleKey[];

/** The fixture: created once, in beforeAll. */
interface Fixture {
  /** Owned by ORG.owner, referred to ORG.authority, a requested placement at shelter S. */
  caseA: string;
  /** Owned by ORG.foreignOwner: no tie to anyone else. */
  caseB: string;
  /** Owned by ORG.owner; its placement at S was declined (no care view). */
  caseC: string;
  /** Owned by ORG.owner, referred to ORG.shelterOperator; placement P2 at S (the placement commands' target). */
  caseD: string;
  /** Owned by ORG.owner; a requested placement at S2 (operated by ORG.otherShelterOperator). */
  caseE: string;
  shelterS: string;
  shelterS2: string;
  placementP2: string;
  /** In ORG.owner's inbox. */
  notification: string;
  caseNumbers: Record<string, string>;
}

interface EndpointRow {
  method: 'GET' | 'POST';
  /** The path, and the id in it whose absence the 404 comparison replays (a case or a notification). */
  path: (f: Fixture) => string;
  hiddenId?: (f: Fixture) => string;
  body?: (f: Fixture) => object;
  expected: Record<RoleKey, Cell>;
}

/** The usual case command: the case's owner and the organisation it was referred to, the competent authority, coordinators. */
const CASE_COMMAND: Record<RoleKey, Cell> = { FR: OWN, CA: OK, SS: NO, CW: OWN, CO: OK, AN: NO, AD: NO };
const caseA = (f: Fixture) => f.caseA;
const onCaseA = (suffix: string, body: (f: Fixture) => object, expected = CASE_COMMAND): EndpointRow => ({
  method: 'POST',
  path: (f) => `/cases/${f.caseA}/${suffix}`,
  hiddenId: caseA,
  body,
  expected,
});

/** A read of case A: `GET /cases/{caseA}` and what follows it. */
const readOfCaseA = (suffix: string, expected: Record<RoleKey, Cell>): EndpointRow => ({
  method: 'GET',
  path: (f) => `/cases/${f.caseA}${suffix}`,
  hiddenId: caseA,
  expected,
});

/**
 * EVERY endpoint of the API. Reads first; then commands, placement commands on their own placement,
 * and the case's closing and reopening last (commands may change the case: 409/422 still mean access).
 */
const ENDPOINTS: readonly EndpointRow[] = [
  // Reads.
  { method: 'GET', path: () => '/cases', expected: { FR: OK, CA: OK, SS: OK, CW: OK, CO: OK, AN: NO, AD: NO } },
  readOfCaseA('', { FR: OWN, CA: OK, SS: OWN, CW: OWN, CO: OK, AN: NO, AD: NO }),
  readOfCaseA('/timeline', { FR: OWN, CA: OK, SS: NO, CW: OWN, CO: OK, AN: NO, AD: NO }),
  readOfCaseA('/access-log', { FR: NO, CA: NO, SS: NO, CW: NO, CO: OK, AN: NO, AD: NO }),
  readOfCaseA('/integrity', { FR: NO, CA: NO, SS: NO, CW: NO, CO: OK, AN: NO, AD: NO }),
  { method: 'GET', path: () => '/deadlines', expected: { FR: OK, CA: OK, SS: OK, CW: OK, CO: OK, AN: NO, AD: NO } },
  { method: 'GET', path: () => '/indicators', expected: { FR: OK, CA: OK, SS: OK, CW: OK, CO: OK, AN: OK, AD: OK } },
  { method: 'GET', path: () => '/notifications', expected: { FR: OK, CA: OK, SS: OK, CW: OK, CO: OK, AN: OK, AD: OK } },
  {
    method: 'POST',
    path: (f) => `/notifications/${f.notification}/read`,
    hiddenId: (f) => f.notification,
    body: () => ({}),
    expected: { FR: OWN, CA: HIDDEN, SS: HIDDEN, CW: HIDDEN, CO: HIDDEN, AN: HIDDEN, AD: HIDDEN },
  },
  { method: 'GET', path: () => '/shelters', expected: { FR: OK, CA: OK, SS: OK, CW: OK, CO: OK, AN: NO, AD: OK } },
  {
    method: 'GET',
    path: (f) => `/shelters/${f.shelterS}`,
    expected: { FR: OK, CA: OK, SS: OK, CW: OK, CO: OK, AN: NO, AD: OK },
  },
  { method: 'GET', path: () => '/statistics', expected: { FR: NO, CA: NO, SS: NO, CW: NO, CO: OK, AN: OK, AD: NO } },

  // Identification.
  {
    method: 'POST',
    path: () => '/cases',
    body: () => validCase(),
    expected: { FR: OK, CA: NO, SS: NO, CW: NO, CO: NO, AN: NO, AD: NO },
  },
  onCaseA('consent', () => ({ consentToReferral: true }), { ...CASE_COMMAND, CA: NO }),
  onCaseA('child-protection-notification', () => ({
    childProtectionOrgId: 'child-protection-baku',
    notifiedAt: new Date().toISOString(),
  })),
  onCaseA('guardian', () => ({
    guardianName: 'Leyla Həsənova',
    appointedBy: 'guardianship-baku',
    appointedOn: isoDay(),
  })),

  // Referral and status decision.
  onCaseA('referral', () => ({ competentAuthorityOrgId: ORG.authority }), { ...CASE_COMMAND, CA: NO }),
  onCaseA('status-decision', () => ({ decision: 'granted', decisionNumber: '77/2026', decidedOn: isoDay() }), {
    FR: NO,
    CA: OK,
    SS: NO,
    CW: NO,
    CO: NO,
    AN: NO,
    AD: NO,
  }),
  onCaseA('status-decision/review', () => ({ reason: 'New evidence' })),

  // Reflection period.
  onCaseA('reflection-period', () => ({})),
  onCaseA('reflection-period/extension', () => ({ days: 10, reason: 'Medical treatment' })),
  onCaseA('reflection-period/end', () => ({ outcome: 'cooperating-with-investigation' })),

  // Shelter placement requests (on the case).
  onCaseA('placements', (f) => ({ shelterId: f.shelterS, needs: ['interpreter'] })),

  // Repatriation.
  onCaseA('repatriation', () => ({ destinationCountry: 'UZ', voluntaryConsent: true })),
  onCaseA('repatriation/risk-assessment', () => ({ level: 'low' })),
  onCaseA('repatriation/travel-documents', () => ({ documents: ['passport'], issuedBy: 'Embassy of Uzbekistan' })),
  onCaseA('repatriation/schedule', () => ({ travelDate: isoDay(10) })),
  onCaseA('repatriation/complete', () => ({ arrivedOn: isoDay() })),
  onCaseA('repatriation/cancel', () => ({ reason: 'The person changed her mind' })),

  // Reintegration.
  onCaseA('reintegration-plan', () => ({ goals: [{ domain: 'housing', description: 'A flat in Tashkent' }] })),
  onCaseA('reintegration/services', () => ({
    domain: 'housing',
    providerOrgId: 'ngo-clean-world',
    description: 'Rent paid for three months',
    deliveredOn: isoDay(),
  })),
  onCaseA('reintegration/reviews', () => ({ reviewedOn: isoDay(), progress: 'on-track' })),
  onCaseA('reintegration/complete', () => ({ completedOn: isoDay(), outcome: 'reintegrated' })),

  // Shelters and placements (the operator's staff; not cases: a foreign operator is 403).
  {
    method: 'POST',
    path: () => '/shelters',
    body: () => ({
      name: 'Matrix Shelter',
      operatorOrgId: ORG.unrelatedNgo,
      region: 'Şəki',
      beds: 2,
      accepts: ['men'],
    }),
    expected: { FR: NO, CA: NO, SS: NO, CW: NO, CO: OK, AN: NO, AD: OK },
  },
  {
    method: 'POST',
    path: (f) => `/shelters/${f.shelterS}/capacity`,
    body: () => ({ beds: 6, reason: 'A room was refurbished' }),
    expected: { FR: NO, CA: NO, SS: OPERATOR, CW: NO, CO: OK, AN: NO, AD: OK },
  },
  ...(['accept', 'decline', 'check-in', 'check-out'] as const).map((step): EndpointRow => ({
    method: 'POST',
    path: (f) => `/placements/${f.placementP2}/${step}`,
    body: () =>
      step === 'decline'
        ? { reason: 'No bed suited' }
        : step === 'check-out'
          ? { reason: 'Moved in with family', date: isoDay() }
          : {},
    expected: { FR: NO, CA: NO, SS: OPERATOR, CW: NO, CO: OK, AN: NO, AD: NO },
  })),

  // Case lifecycle: a transfer to the case's own organisation is refused (422), so the owner stays.
  onCaseA('transfer', () => ({ toOrganisationId: ORG.owner, toOrganisationType: 'police', reason: 'Matrix' })),
  onCaseA('erase-personal-data', () => ({}), { FR: NO, CA: NO, SS: NO, CW: NO, CO: OK, AN: NO, AD: NO }),
  onCaseA('close', () => ({ reason: 'lost-contact' })),
  onCaseA('reopen', () => ({ reason: 'Contact re-established' })),
];

describe('Need to know: every endpoint × every role × own and foreign organisation', () => {
  const t = useTestApp({ env: WITHOUT_APPROVALS });
  const f = {} as Fixture;
  const tokens = {} as Record<RoleKey, [string, string]>;
  let lastPosition = '0';

  const send = (token: string, method: 'GET' | 'POST', path: string, body?: object) => {
    const call =
      method === 'GET'
        ? request(t.http).get(path)
        : request(t.http)
            .post(path)
            .send(body ?? {});
    return call.set('Authorization', `Bearer ${token}`);
  };
  const track = (response: request.Response) => {
    if (response.body?.position && BigInt(response.body.position) > BigInt(lastPosition)) {
      lastPosition = response.body.position;
    }
    return response;
  };
  const command = async (token: string, path: string, body: object, status = [200, 201]) => {
    const response = track(await send(token, 'POST', path, body));
    if (!status.includes(response.status)) {
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };

  const token = (role: RoleKey, side: 0 | 1) => tokens[role][side];
  const staffOf = (org: string, orgType: OrganisationType, roles: Role[], sub: string) =>
    signToken({ sub, name: `Matrix ${sub}`, org, orgType, roles });

  beforeAll(async () => {
    for (const role of ROLE_KEYS) {
      tokens[role] = [
        await staffOf(PERSONAS[role][0].org, PERSONAS[role][0].orgType, [ROLE_OF[role]], `${role}-own`),
        await staffOf(PERSONAS[role][1].org, PERSONAS[role][1].orgType, [ROLE_OF[role]], `${role}-foreign`),
      ];
    }
    const owner = token('FR', 0);
    const coordinator = token('CO', 0);
    const operatorStaff = token('SS', 0);

    const open = async (as: string) => {
      const opened = await command(as, '/cases', validCase());
      f.caseNumbers = { ...f.caseNumbers, [opened.caseId]: opened.caseNumber };
      return opened.caseId as string;
    };
    f.caseA = await open(owner);
    f.caseB = await open(token('FR', 1));
    f.caseC = await open(owner);
    f.caseD = await open(owner);
    f.caseE = await open(owner);
    await command(owner, `/cases/${f.caseA}/referral`, { competentAuthorityOrgId: ORG.authority });
    await command(owner, `/cases/${f.caseD}/referral`, { competentAuthorityOrgId: ORG.shelterOperator });

    const shelter = (operatorOrgId: string, name: string) =>
      command(coordinator, '/shelters', { name, operatorOrgId, region: 'Bakı', beds: 5, accepts: ['women'] });
    f.shelterS = (await shelter(ORG.shelterOperator, 'Bakı Qadın Sığınacağı')).shelterId;
    f.shelterS2 = (await shelter(ORG.otherShelterOperator, 'Gəncə Sığınacağı')).shelterId;
    // The shelters' read model must know a shelter before a placement there is answered.
    await send(coordinator, 'GET', `/shelters/${f.shelterS2}?minPosition=${lastPosition}`);

    const place = async (caseId: string, shelterId: string) =>
      (await command(owner, `/cases/${caseId}/placements`, { shelterId, needs: ['interpreter'] }))
        .placementId as string;
    await place(f.caseA, f.shelterS);
    const declined = await place(f.caseC, f.shelterS);
    f.placementP2 = await place(f.caseD, f.shelterS);
    await place(f.caseE, f.shelterS2);
    await send(coordinator, 'GET', `/shelters/${f.shelterS}?minPosition=${lastPosition}`);
    await command(operatorStaff, `/placements/${declined}/decline`, { reason: 'No bed suited' });

    // A notification in ORG.owner's inbox (the reminders come from deadline jobs; this one is put there).
    f.notification = randomUUID();
    await queryRows(
      t.database.url,
      `INSERT INTO notifications (notification_id, recipient_organisation_id, recipient_role, kind, deadline_id,
         deadline_version, step, case_id, message)
       VALUES ($1, $2, NULL, 'reminder', $3, 1, 'reminder-1', $4, 'Hand-over due soon')`,
      [f.notification, ORG.owner, `hand-over.${f.caseA}`, f.caseA],
    );

    // Every read model caught up (the care view also reads the placements).
    const caughtUp = await send(operatorStaff, 'GET', `/cases?minPosition=${lastPosition}`);
    expect(caughtUp.headers['x-read-model-caught-up']).toBe('true');
    await send(coordinator, 'GET', `/deadlines?minPosition=${lastPosition}`);
  }, 120_000);

  const visibleIds = async (as: string) => {
    const list = await send(as, 'GET', `/cases?pageSize=100&minPosition=${lastPosition}`);
    expect(list.status).toBe(200);
    return {
      ids: (list.body.items as { id: string }[]).map((item) => item.id).sort(),
      total: list.body.total as number,
      items: list.body.items as Record<string, unknown>[],
    };
  };

  describe('GET /cases lists exactly the visible cases, and counts nothing else', () => {
    const fixtureCases = (...pick: (keyof Fixture)[]) => pick.map((key) => f[key] as string).sort();
    const cases: [string, RoleKey, 0 | 1, (keyof Fixture)[]][] = [
      ['first responder of the owner', 'FR', 0, ['caseA', 'caseC', 'caseD', 'caseE']],
      ['first responder of another organisation', 'FR', 1, ['caseB']],
      ['competent authority', 'CA', 0, ['caseA', 'caseB', 'caseC', 'caseD', 'caseE']],
      ['competent authority, another office', 'CA', 1, ['caseA', 'caseB', 'caseC', 'caseD', 'caseE']],
      ['case worker of the organisation referred to', 'CW', 0, ['caseA']],
      ['case worker of an unrelated organisation', 'CW', 1, []],
      ['shelter staff of the operator (requested placements; not the declined one)', 'SS', 0, ['caseA', 'caseD']],
      ['shelter staff of another shelter', 'SS', 1, ['caseE']],
      ['coordinator', 'CO', 0, ['caseA', 'caseB', 'caseC', 'caseD', 'caseE']],
    ];
    it.each(cases)('%s', async (_label, role, side, expected) => {
      const { ids, total } = await visibleIds(token(role, side));
      expect(ids).toEqual(fixtureCases(...expected));
      expect(total).toBe(expected.length);
    });

    it('shelter staff cannot learn the owner or the deadlines through filters (not in the care view)', async () => {
      const byOwner = await send(token('SS', 0), 'GET', `/cases?org=${ORG.owner}`);
      expect(byOwner.body).toMatchObject({ total: 0, items: [] });
      const byDeadline = await send(token('SS', 0), 'GET', `/cases?deadlineDueBefore=2999-01-01T00:00:00Z`);
      expect(byDeadline.body).toMatchObject({ total: 0, items: [] });
      const owners = await send(token('FR', 0), 'GET', `/cases?org=${ORG.owner}`);
      expect(owners.body.total).toBe(4);
    });

    it('a case number search finds nothing the caller may not see', async () => {
      const search = await send(token('FR', 1), 'GET', `/cases?q=${f.caseNumbers[f.caseA]}`);
      expect(search.body).toMatchObject({ total: 0, items: [] });
    });
  });

  describe('shelter staff get the care view: what care needs, nothing of the exploitation', () => {
    const CARE_FIELDS = [
      'id',
      'view',
      'caseNumber',
      'revision',
      'stage',
      'status',
      'isChild',
      'displayName',
      'personalDataErased',
      'ageAtIdentification',
      'sex',
      'citizenship',
      'person',
      'urgentNeeds',
      // What care needs of the tracks: the placements at the caller's shelters, a child's guardian,
      // and the shelter deadlines the caller's organisation answers for.
      'placement',
      'tracks',
      'openDeadlines',
      'nextDeadline',
    ];

    it('GET /cases/{id}: name, age, sex, languages, citizenship, urgent needs; no narrative, indicators, circumstances', async () => {
      const read = await send(token('SS', 0), 'GET', `/cases/${f.caseA}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: f.caseA,
        view: 'care',
        caseNumber: f.caseNumbers[f.caseA],
        stage: 'referral',
        isChild: false,
        sex: 'female',
        citizenship: 'UZ',
        urgentNeeds: ['medical-care', 'interpreter'],
        person: { givenName: 'Aysel', familyName: 'Məmmədova', dateOfBirth: '1999-04-12', languages: ['uz', 'ru'] },
      });
      expect(Object.keys(read.body).sort()).toEqual([...CARE_FIELDS].sort());
      const text = JSON.stringify(read.body);
      for (const secret of ['Passport held by the employer', 'GEN-01', 'LAB-01', 'labour', 'Bakı Dəniz Limanı']) {
        expect(text).not.toContain(secret);
      }
      expect(read.body).not.toHaveProperty('narrative');
      expect(read.body).not.toHaveProperty('indicators');
      expect(read.body).not.toHaveProperty('exploitationTypes');
      expect(read.body).not.toHaveProperty('identification');
      expect(read.body).not.toHaveProperty('openedBy');
    });

    it('GET /cases: the items are care views too', async () => {
      const { items } = await visibleIds(token('SS', 0));
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.view).toBe('care');
        expect(item).not.toHaveProperty('exploitationTypes');
        expect(item).not.toHaveProperty('narrative');
      }
    });

    it('everyone else who sees the case gets the full view', async () => {
      for (const as of [token('FR', 0), token('CW', 0), token('CA', 1), token('CO', 0)]) {
        const read = await send(as, 'GET', `/cases/${f.caseA}`);
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ view: 'full', narrative: 'Passport held by the employer.' });
        expect(read.body.indicators.codes).toEqual(['GEN-01', 'LAB-01']);
      }
    });

    it('several roles: the union, and the full view wins where one role gives it', async () => {
      const both = await staffOf(ORG.shelterOperator, 'ngo', ['shelter-staff', 'case-worker'], 'tamas-both');
      const { ids, items } = await visibleIds(both);
      expect(ids).toEqual([f.caseA, f.caseD].sort());
      const viewOf = (id: string) => items.find((item) => item.id === id)?.view;
      // D was referred to the operator (case worker: full); A is only placed there (shelter staff: care).
      expect([viewOf(f.caseA), viewOf(f.caseD)]).toEqual(['care', 'full']);
      expect((await send(both, 'GET', `/cases/${f.caseD}/timeline`)).status).toBe(200);
      expect((await send(both, 'GET', `/cases/${f.caseA}/timeline`)).status).toBe(404);
    });
  });

  describe('GET /deadlines is scoped like cases', () => {
    const board = async (as: string) => {
      const list = await send(as, 'GET', `/deadlines?status=all&pageSize=100&minPosition=${lastPosition}`);
      expect(list.status).toBe(200);
      return list.body.items as { caseId: string; kind: string; responsibleOrganisationId: string }[];
    };

    it("shelter staff see only their organisation's shelter deadlines (answer, stay)", async () => {
      const items = await board(token('SS', 0));
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(['shelter-answer', 'shelter-stay']).toContain(item.kind);
        expect(item.responsibleOrganisationId).toBe(ORG.shelterOperator);
      }
    });

    it('others see only deadlines of the cases they may see (plus their own shelter duties)', async () => {
      const expectations: [RoleKey, 0 | 1, string[]][] = [
        ['FR', 0, [f.caseA, f.caseC, f.caseD, f.caseE]],
        ['FR', 1, [f.caseB]],
        ['CW', 0, [f.caseA]],
        ['CW', 1, []],
      ];
      for (const [role, side, visible] of expectations) {
        const items = await board(token(role, side));
        expect(items.filter((item) => !visible.includes(item.caseId))).toEqual([]);
      }
      // The owner's board is not trivially empty: the hand-over deadlines of its cases.
      expect((await board(token('FR', 0))).map((item) => item.caseId)).toContain(f.caseA);
    });
  });

  describe('GET /shelters/{id} shows placements only to those who may see their cases', () => {
    const placedCases = async (as: string) => {
      const read = await send(as, 'GET', `/shelters/${f.shelterS}`);
      expect(read.status).toBe(200);
      return (read.body.placements as { caseId: string }[]).map((p) => p.caseId).sort();
    };

    it.each([
      ['shelter staff of the operator: every placement', 'SS', 0, ['caseA', 'caseC', 'caseD']],
      ['coordinator: every placement', 'CO', 0, ['caseA', 'caseC', 'caseD']],
      ['first responder of the owner: its cases', 'FR', 0, ['caseA', 'caseC', 'caseD']],
      ['first responder of another organisation: none', 'FR', 1, []],
      ['case worker referred to: that case', 'CW', 0, ['caseA']],
      ['case worker of an unrelated organisation: none', 'CW', 1, []],
      ['shelter staff of another shelter: none', 'SS', 1, []],
      ['admin: none (no case endpoints)', 'AD', 0, []],
    ] as [string, RoleKey, 0 | 1, (keyof Fixture)[]][])('%s', async (_label, role, side, expected) => {
      expect(await placedCases(token(role, side))).toEqual(expected.map((key) => f[key] as string).sort());
    });
  });

  describe('the matrix', () => {
    const cells = ENDPOINTS.flatMap((row) =>
      ROLE_KEYS.flatMap((role) =>
        ([0, 1] as const).map((side) => ({
          row,
          role,
          side,
          outcome: row.expected[role][side],
          label: `${row.method} ${row.path({
            caseA: '{caseA}',
            shelterS: '{shelter}',
            placementP2: '{placement}',
            notification: '{notification}',
          } as Fixture)} as ${ROLE_OF[role]} (${side === 0 ? 'own' : 'foreign'} organisation) → ${
            row.expected[role][side]
          }`,
        })),
      ),
    );

    it('covers every role on both sides for every endpoint', () => {
      expect(cells).toHaveLength(ENDPOINTS.length * ROLE_KEYS.length * 2);
    });

    it.each(cells.map((cell) => [cell.label, cell] as const))('%s', async (_label, { row, role, side, outcome }) => {
      const as = token(role, side);
      const path = row.path(f);
      const response = await send(as, row.method, path, row.body?.(f));
      const shown = `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
      if (outcome === 'ok') {
        const granted = (response.status >= 200 && response.status < 300) || [409, 422].includes(response.status);
        if (!granted) throw new Error(`expected access, got ${shown}`);
        return;
      }
      if (response.status !== outcome) throw new Error(`expected ${outcome}, got ${shown}`);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (outcome === 404) {
        // Indistinguishable from something that does not exist: same answer, apart from the id.
        const realId = row.hiddenId!(f);
        const missingId = randomUUID();
        const missing = await send(as, row.method, path.replace(realId, missingId), row.body?.(f));
        expect(missing.status).toBe(404);
        expect(JSON.stringify(response.body).replaceAll(realId, '{id}')).toBe(
          JSON.stringify(missing.body).replaceAll(missingId, '{id}'),
        );
        expect(response.headers.etag).toBeUndefined();
        expect(JSON.stringify(response.body)).not.toContain(f.caseNumbers[f.caseA]);
      }
    });
  });
});
