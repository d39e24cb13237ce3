import request from 'supertest';
import { rebuildReadModels } from '../apps/cli/src/rebuild-read-models';
import { validateEnvironment } from '@nrm/platform';
import { tamasShelter, validCase } from './support/case-bodies';
import { dumpRedis, occurrences, pgDump } from './support/dumps';
import { countEvents, queryRows } from './support/events';
import { expectRefusedWithNothingAppended } from './support/refusals';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { officerAndCoordinator } from './support/tokens';

/** Everything personal this test writes: none of it may survive the erasure anywhere. */
const SECRET = {
  givenName: 'Nargizxanim',
  familyName: 'Erasurova-Tovuzlu',
  narrative: 'Held-in-Zirvetepe-brickworks by a recruiter.',
  guardianName: 'Guardianova-Leylufer',
  declineReason: 'Declined-because-Quincefield',
  checkOutReason: 'Left-to-Pomegranate-village',
  reopenReason: 'Reopened-Chinarbulaq-hotline-call',
  transferReason: 'Transfer-Gumbezli-relocation',
  closeNote: 'Closed-note-Samovarli',
  referralNote: 'Referral-note-Nargizxanim-sister-Gulnar',
  extensionReason: 'Extended-Nargizxanim-still-in-Sheki-clinic',
  endNote: 'Ended-Nargizxanim-testified-Qebele',
};
const SECRET_TEXTS = Object.values(SECRET);

describe('Erasure of personal data by legal order (crypto-shredding) through HTTP', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: officerAndCoordinator(),
  });
  const { tokens } = t;

  const post = (path: string, body: object, token = tokens.officer) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = tokens.coordinator) =>
    request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> =>
    queryRows<T>(t.database.url, text, parameters);

  async function eventsText(): Promise<string> {
    const rows = await sql<{ text: string }>(`SELECT data::text || ' ' || metadata::text AS text FROM events`);
    return rows.map((row) => row.text).join('\n');
  }

  async function expectNoPlaintextInEvents(): Promise<void> {
    const text = await eventsText();
    for (const secret of SECRET_TEXTS)
      expect({ secret, found: occurrences(text, secret) }).toEqual({ secret, found: 0 });
  }

  const legalBasis = { authority: 'court', decisionNumber: '2(103)-4471/2026', decidedOn: '2026-11-20' };
  let caseId: string;
  let shelterId: string;
  let lastPosition: string;
  let timelineBefore: { event: string }[];

  it('records a child case with every kind of personal data, none of it in plaintext in the events', async () => {
    const body = validCase();
    const opened = await post('/cases', {
      ...body,
      person: { ...body.person, givenName: SECRET.givenName, familyName: SECRET.familyName, dateOfBirth: '2011-03-02' },
      narrative: SECRET.narrative,
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;

    expect(
      (
        await post(`/cases/${caseId}/child-protection-notification`, {
          childProtectionOrgId: 'child-protection-baku',
          notifiedAt: '2026-11-20T16:00:00+04:00',
        })
      ).status,
    ).toBe(200);
    const guardian = await post(`/cases/${caseId}/guardian`, {
      guardianName: SECRET.guardianName,
      appointedBy: 'guardianship-baku',
      appointedOn: '2026-11-21',
    });
    expect(guardian.status).toBe(200);

    // Free-text notes of other contexts, which users may fill with names: personal data too.
    const referred = await post(`/cases/${caseId}/referral`, {
      competentAuthorityOrgId: 'mia-anti-trafficking',
      note: SECRET.referralNote,
    });
    expect(referred.status).toBe(200);
    const reflection = `/cases/${caseId}/reflection-period`;
    expect((await post(reflection, {}, tokens.coordinator)).status).toBe(200);
    const extension = { days: 10, reason: SECRET.extensionReason };
    expect((await post(`${reflection}/extension`, extension, tokens.coordinator)).status).toBe(200);
    const end = { outcome: 'cooperating-with-investigation', note: SECRET.endNote };
    expect((await post(`${reflection}/end`, end, tokens.coordinator)).status).toBe(200);

    // Two placements: one declined, one checked in and out (both reasons are personal data).
    const shelter = await post('/shelters', tamasShelter('Erasure Test Shelter', 2), tokens.coordinator);
    expect(shelter.status).toBe(201);
    shelterId = shelter.body.shelterId;
    const requestPlacement = async () => {
      const res = await post(`/cases/${caseId}/placements`, { shelterId, needs: ['medical-care'] });
      expect(res.status).toBe(201);
      await get(`/shelters/${shelterId}?minPosition=${res.body.position}`);
      return res.body.placementId as string;
    };
    const declinedId = await requestPlacement();
    expect(
      (await post(`/placements/${declinedId}/decline`, { reason: SECRET.declineReason }, tokens.coordinator)).status,
    ).toBe(200);
    const stayId = await requestPlacement();
    expect((await post(`/placements/${stayId}/accept`, {}, tokens.coordinator)).status).toBe(200);
    expect((await post(`/placements/${stayId}/check-in`, {}, tokens.coordinator)).status).toBe(200);
    const checkedOut = await post(
      `/placements/${stayId}/check-out`,
      { reason: SECRET.checkOutReason, date: new Date().toISOString().slice(0, 10) },
      tokens.coordinator,
    );
    expect(checkedOut.status).toBe(200);

    expect((await post(`/cases/${caseId}/close`, { reason: 'lost-contact', note: SECRET.closeNote })).status).toBe(200);
    expect((await post(`/cases/${caseId}/reopen`, { reason: SECRET.reopenReason })).status).toBe(200);
    const transferred = await post(`/cases/${caseId}/transfer`, {
      toOrganisationId: 'ngo-clean-world',
      toOrganisationType: 'ngo',
      reason: SECRET.transferReason,
    });
    expect(transferred.status).toBe(200);
    // Closed again: an erasure is a legal order and applies to a closed case too.
    const closed = await post(`/cases/${caseId}/close`, { reason: 'lost-contact' }, tokens.coordinator);
    expect(closed.status).toBe(200);
    lastPosition = closed.body.position;

    const read = await get(`/cases/${caseId}?minPosition=${lastPosition}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      stage: 'closed',
      person: { givenName: SECRET.givenName, familyName: SECRET.familyName },
      narrative: SECRET.narrative,
      personalDataErased: false,
    });
    await get(`/shelters/${shelterId}?minPosition=${lastPosition}`);
    const timeline = await get(`/cases/${caseId}/timeline?minPosition=${lastPosition}`);
    expect(timeline.status).toBe(200);
    timelineBefore = timeline.body.entries;
    expect(timelineBefore.map((e) => e.event)).toEqual(
      expect.arrayContaining([
        'CaseOpened',
        'GuardianAppointed',
        'PlacementDeclined',
        'PlacementCheckedOut',
        'CaseTransferred',
      ]),
    );

    // The events hold ciphertext only, under two keys: the person's and the case's (its notes).
    await expectNoPlaintextInEvents();
    const keys = await sql(`SELECT subject_id, wrapped_key IS NOT NULL AS live FROM personal_data_keys`);
    expect(keys).toEqual(
      expect.arrayContaining([
        { subject_id: caseId, live: true },
        { subject_id: expect.any(String), live: true },
      ]),
    );
    expect(keys).toHaveLength(2);
    // Before the erasure, the timeline shows the notes to those who may read them.
    expect(JSON.stringify(timelineBefore)).toContain(SECRET.extensionReason);
  });

  it('positive control: before the erasure a pg_dump finds the name (in the read models), the events never', async () => {
    const dump = await pgDump(t.database.url);
    expect(occurrences(dump, SECRET.givenName)).toBeGreaterThan(0);
    expect(occurrences(dump, SECRET.declineReason)).toBeGreaterThan(0);
    await expectNoPlaintextInEvents();
  });

  it('refuses an erasure without a legal basis (422 naming legalBasis), by a first responder (403), or malformed (400)', async () => {
    const missing = await expectRefusedWithNothingAppended(
      t.database.url,
      () => post(`/cases/${caseId}/erase-personal-data`, {}, tokens.coordinator),
      422,
      'erasure-needs-legal-basis',
    );
    expect(missing.body.detail).toMatch(/legalBasis/);
    expect(missing.body.errors).toEqual([{ field: 'legalBasis', messages: [expect.stringMatching(/legalBasis/)] }]);

    const before = await countEvents(t.database.url);
    const byResponder = await post(`/cases/${caseId}/erase-personal-data`, { legalBasis }, tokens.officer);
    expect(byResponder.status).toBe(403);
    const malformed = await post(
      `/cases/${caseId}/erase-personal-data`,
      { legalBasis: { authority: 'police', decisionNumber: '', decidedOn: '20-11-2026' } },
      tokens.coordinator,
    );
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toMatch(/authority/);
    expect(JSON.stringify(malformed.body)).toMatch(/decidedOn/);
    const future = await post(
      `/cases/${caseId}/erase-personal-data`,
      { legalBasis: { ...legalBasis, decidedOn: '2999-01-01' } },
      tokens.coordinator,
    );
    expect(future.status).toBe(422);
    expect(future.body.rule).toBe('erasure-needs-legal-basis');
    expect(await countEvents(t.database.url)).toBe(before);
    expect(await sql(`SELECT 1 FROM personal_data_keys WHERE wrapped_key IS NULL`)).toEqual([]);
  });

  it('erases: the key is destroyed, every read model shows the data as erased, the timeline keeps its events', async () => {
    const erased = await post(`/cases/${caseId}/erase-personal-data`, { legalBasis }, tokens.coordinator);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ caseId, position: expect.any(String) });
    lastPosition = erased.body.position;
    expect(await sql(`SELECT wrapped_key, erased_at IS NOT NULL AS erased FROM personal_data_keys`)).toEqual([
      { wrapped_key: null, erased: true },
      { wrapped_key: null, erased: true },
    ]);

    // A second erasure of the same person is harmless: 200, nothing appended, the key stays gone.
    const before = await countEvents(t.database.url);
    const again = await post(`/cases/${caseId}/erase-personal-data`, { legalBasis }, tokens.coordinator);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ caseId, revision: erased.body.revision, position: null });
    expect(await countEvents(t.database.url)).toBe(before);

    const read = await get(`/cases/${caseId}?minPosition=${lastPosition}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ stage: 'closed', person: null, narrative: null, personalDataErased: true });
    // Countable facts stay (statistics).
    expect(read.body).toMatchObject({ sex: 'female', citizenship: 'UZ', isChild: true });

    const timeline = await get(`/cases/${caseId}/timeline?minPosition=${lastPosition}`);
    const entries: { event: string; summary: string }[] = timeline.body.entries;
    // The same entries as before, plus the erasure itself (which names the order, nothing personal).
    expect(entries.map((e) => e.event)).toEqual([...timelineBefore.map((e) => e.event), 'PersonalDataErased']);
    expect(entries.at(-1)!.summary).toContain(legalBasis.decisionNumber);
    expect(JSON.stringify(entries)).not.toMatch(/Nargizxanim|Erasurova|Guardianova|Zirvetepe/);

    const shelter = await get(`/shelters/${shelterId}?minPosition=${lastPosition}`);
    expect(shelter.status).toBe(200);
    const placements: { reason?: string | null }[] = shelter.body.placements;
    expect(placements.length).toBe(2);
    for (const placement of placements) expect(placement.reason ?? null).toBeNull();
    expect(await sql(`SELECT reason FROM placements WHERE case_id = $1`, [caseId])).toEqual([
      { reason: null },
      { reason: null },
    ]);
    await expectNoPlaintextInEvents();
  });

  it('a full rebuild of the read models (the CLI code path) cannot bring anything back', async () => {
    const timelineCount = async () =>
      (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM case_timeline_entries WHERE case_id = $1`, [caseId]))[0]
        .n;
    const entriesBefore = await timelineCount();
    // Stop the API and its worker first, as the CLI asks; the database stays.
    await t.stop();
    await rebuildReadModels(validateEnvironment(process.env), { info: () => undefined, error: () => undefined });

    const [summary] = await sql(
      `SELECT person, narrative, personal_data_erased, stage, sex, citizenship FROM case_summaries WHERE case_id = $1`,
      [caseId],
    );
    expect(summary).toEqual({
      person: null,
      narrative: null,
      personal_data_erased: true,
      stage: 'closed',
      sex: 'female',
      citizenship: 'UZ',
    });
    expect(await timelineCount()).toBe(entriesBefore);
    expect(await sql(`SELECT reason FROM placements WHERE case_id = $1`, [caseId])).toEqual([
      { reason: null },
      { reason: null },
    ]);
  });

  it('after the erasure a pg_dump of the whole database and the whole Redis keyspace hold none of it', async () => {
    const dump = await pgDump(t.database.url);
    expect(dump).toContain(caseId); // the dump is real: the case is there
    for (const secret of SECRET_TEXTS)
      expect({ secret, found: occurrences(dump, secret) }).toEqual({ secret, found: 0 });

    const redis = await dumpRedis();
    const prefix = process.env.REDIS_KEY_PREFIX!;
    expect(redis.keys.some((key) => key.startsWith(prefix))).toBe(true); // the app did write there
    for (const secret of SECRET_TEXTS) {
      expect({ secret, found: occurrences(redis.text, secret) }).toEqual({ secret, found: 0 });
    }
  });
});
