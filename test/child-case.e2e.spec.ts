import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { PROBLEM, expectRefusalLeftEvents } from './support/refusals';
import { asBearer, openCaseAs, readCaseAs, readTimelineAs } from './support/requests';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { entrySaying } from './support/timeline';
import { officersAndCoordinator } from './support/tokens';

const childCase = () => {
  const body = validCase();
  return { ...body, person: { ...body.person, dateOfBirth: '2011-03-02' } };
};

describe('Child cases through HTTP: child-protection notification and guardian', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officersAndCoordinator('officer-k'),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);

  const openCase = (body: object) => openCaseAs(t.http, tokens.officer, body);
  const post = (path: string, body: object, token = tokens.officer, headers: Record<string, string> = {}) =>
    asBearer(t.http, token).post(path, body, headers);
  const timeline = (caseId: string, position: string) => readTimelineAs(t.http, tokens.officer, caseId, position);

  const expectRefused = (response: Response, status: number, rule: string, before: number) =>
    expectRefusalLeftEvents(t.database.url, response, status, rule, before);

  const notification = { childProtectionOrgId: 'child-protection-baku', notifiedAt: '2026-11-20T16:00:00+04:00' };
  const guardian = { guardianName: 'Leyla Həsənova', appointedBy: 'guardianship-baku', appointedOn: '2026-11-21' };
  /** The child-protection notification and the guardian's appointment, both refused alike. */
  async function expectBothRefused(caseId: string, status: number, rule: string, before: number) {
    await expectRefused(
      await post(`/cases/${caseId}/child-protection-notification`, notification),
      status,
      rule,
      before,
    );
    await expectRefused(await post(`/cases/${caseId}/guardian`, guardian), status, rule, before);
  }

  it('notifies the child-protection body once and appoints a guardian; the timeline shows who and when, no name', async () => {
    const { caseId } = await openCase(childCase());

    const notified = await post(`/cases/${caseId}/child-protection-notification`, notification);
    expect(notified.status).toBe(200);
    expect(notified.body).toMatchObject({ caseId, revision: 1 });
    expect(notified.headers.etag).toBe('"1"');

    const before = await events();
    await expectRefused(
      await post(`/cases/${caseId}/child-protection-notification`, notification),
      409,
      'child-protection-notified-once',
      before,
    );

    const appointed = await post(`/cases/${caseId}/guardian`, guardian, tokens.officer, { 'If-Match': '"1"' });
    expect(appointed.status).toBe(200);
    expect(appointed.body).toMatchObject({ revision: 2 });

    const read = await readCaseAs(t.http, tokens.officer, caseId, appointed.body.position);
    expect(read.headers.etag).toBe('"2"');

    const entries = (await timeline(caseId, appointed.body.position)).body.entries;
    expect(entries.map((e: { event: string }) => e.event)).toEqual([
      'CaseOpened',
      'ChildProtectionNotified',
      'GuardianAppointed',
    ]);
    expect(entries[1]).toMatchObject({
      ...entrySaying('child-protection-baku', { userId: 'officer-k', organisationId: 'police-baku' }),
      details: { childProtectionOrgId: 'child-protection-baku', notifiedAt: '2026-11-20T12:00:00.000Z' },
    });
    expect(entries[2]).toMatchObject({
      summary: 'Guardian appointed by guardianship-baku on 2026-11-21.',
      by: { userId: 'officer-k' },
    });
    expect(JSON.stringify(entries)).not.toContain('Leyla');
  });

  it("stores the guardian's name as personal data of the child, not in the event's plain data", async () => {
    const { caseId } = await openCase(childCase());
    expect((await post(`/cases/${caseId}/guardian`, guardian)).status).toBe(200);
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ data: Record<string, any> }>(
        `SELECT data FROM events WHERE stream_name = $1 AND event_type = 'GuardianAppointed'`,
        [`case-${caseId}`],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].data.guardianName).toBeUndefined();
      expect(rows[0].data.personalData).toBeDefined();
      expect(rows[0].data.personId).toEqual(expect.any(String));
    } finally {
      await client.end();
    }
  });

  it('refuses both for an adult case (422 not-a-child-case) and appends nothing', async () => {
    const { caseId } = await openCase(validCase());
    const before = await events();
    await expectBothRefused(caseId, 422, 'not-a-child-case', before);
  });

  it('refuses dates in the future (422) and a closed case (409), appending nothing', async () => {
    const { caseId } = await openCase(childCase());
    const before = await events();
    await expectRefused(
      await post(`/cases/${caseId}/child-protection-notification`, {
        ...notification,
        notifiedAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      422,
      'notified-at-not-in-future',
      before,
    );
    await expectRefused(
      await post(`/cases/${caseId}/guardian`, { ...guardian, appointedOn: '2099-01-01' }),
      422,
      'appointed-on-not-in-future',
      before,
    );

    expect((await post(`/cases/${caseId}/close`, { reason: 'lost-contact' }, tokens.coordinator)).status).toBe(200);
    const afterClose = await events();
    await expectBothRefused(caseId, 409, 'case-not-closed', afterClose);
  });

  it('invalid input is 400 naming every field; another organisation gets 404; appends nothing', async () => {
    const { caseId } = await openCase(childCase());
    const before = await events();
    const bad = await post(`/cases/${caseId}/child-protection-notification`, {
      childProtectionOrgId: '',
      notifiedAt: 'yesterday',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['childProtectionOrgId', 'notifiedAt', 'extra']),
    );
    const badGuardian = await post(`/cases/${caseId}/guardian`, { appointedOn: '2026-02-30' });
    expect(badGuardian.status).toBe(400);
    expect(badGuardian.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['guardianName', 'appointedBy', 'appointedOn']),
    );
    expect((await post(`/cases/${caseId}/guardian`, guardian, tokens.otherOfficer)).status).toBe(404);
    expect((await post(`/cases/${randomUUID()}/guardian`, guardian)).status).toBe(404);
    expect(await events()).toBe(before);
  });
});
