import request from 'supertest';
import { StoreIntegrity } from '@nrm/platform';
import { tamasShelter, validCase } from './support/case-bodies';
import { useTestApp } from './support/test-app';
import { officerAndCoordinator } from './support/tokens';
import { queryRows } from './support/events';
import { runCli } from './support/processes';

/** The CLI's verify-integrity command, run as an operator would (npm run verify-integrity). */
const verifyIntegrity = (...args: string[]) => runCli('verify-integrity', ...args);

describe('Tamper-evident history: GET /cases/{id}/integrity and npm run verify-integrity', () => {
  const t = useTestApp({
    users: officerAndCoordinator(),
  });
  const { tokens } = t;

  let shelterId: string;

  beforeAll(async () => {
    const shelter = await post('/shelters', tamasShelter('Integrity Shelter', 5), tokens.coordinator);
    expect(shelter.status).toBe(201);
    shelterId = shelter.body.shelterId;
  });

  const post = (path: string, body: object, token = tokens.officer) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const integrityOf = (caseId: string, token = tokens.coordinator) =>
    request(t.http).get(`/cases/${caseId}/integrity`).set('Authorization', `Bearer ${token}`);

  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []) =>
    queryRows<T>(t.database.url, text, parameters);

  /** A case with five events (opened, placement requested, referred, two notes of a reflection period). */
  async function caseWithHistory(): Promise<string> {
    const opened = await post('/cases', validCase());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    expect((await post(`/cases/${caseId}/placements`, { shelterId, needs: ['medical-care'] })).status).toBe(201);
    const referral = { competentAuthorityOrgId: 'mia-anti-trafficking', note: 'Referred after the interview.' };
    expect((await post(`/cases/${caseId}/referral`, referral)).status).toBe(200);
    expect((await post(`/cases/${caseId}/reflection-period`, {}, tokens.coordinator)).status).toBe(200);
    const extension = { days: 10, reason: 'Still in the clinic.' };
    expect((await post(`/cases/${caseId}/reflection-period/extension`, extension, tokens.coordinator)).status).toBe(
      200,
    );
    return caseId;
  }

  const caseRevision = async (caseId: string) =>
    Number(
      (
        await sql<{ r: string }>(`SELECT max(stream_revision) AS r FROM events WHERE stream_name = $1`, [
          `case-${caseId}`,
        ])
      )[0].r,
    );

  it('a case as appended verifies: its stream and its shelter’s, both ok; coordinators only; unknown cases 404', async () => {
    const caseId = await caseWithHistory();
    const verdict = await integrityOf(caseId);
    expect(verdict.status).toBe(200);
    expect(verdict.body).toMatchObject({
      ok: true,
      streams: [
        { stream: `case-${caseId}`, revision: await caseRevision(caseId), ok: true },
        { stream: `shelter-${shelterId}`, ok: true },
      ],
    });
    expect((await integrityOf(caseId, tokens.officer)).status).toBe(403);
    const unknown = await integrityOf('7a1e0c1e-1d8b-4a49-9a43-2b1f3f0e9c11');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await integrityOf('not-a-uuid')).status).toBe(400);

    const docs = await request(t.http).get('/docs-json');
    const operation = docs.body.paths['/cases/{id}/integrity']?.get;
    expect(operation.description).toMatch(/first broken revision/);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
  });

  it('an event row edited with SQL is named (stream and revision) by the API and by the CLI, which exits 1', async () => {
    const caseId = await caseWithHistory();
    await sql(
      `UPDATE events SET data = jsonb_set(data, '{competentAuthorityOrgId}', '"someone-else"')
       WHERE stream_name = $1 AND stream_revision = 2`,
      [`case-${caseId}`],
    );
    const verdict = await integrityOf(caseId);
    expect(verdict.status).toBe(200);
    expect(verdict.body.ok).toBe(false);
    expect(verdict.body.streams[0]).toMatchObject({
      stream: `case-${caseId}`,
      ok: false,
      firstBrokenRevision: 2,
      problem: 'edited',
    });
    expect(verdict.body.streams[1]).toMatchObject({ stream: `shelter-${shelterId}`, ok: true });

    const cli = await verifyIntegrity();
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`BROKEN case-${caseId} at revision 2 (edited)`);
  }, 120_000);

  it('an event row deleted from the middle of a stream is named as deleted', async () => {
    const caseId = await caseWithHistory();
    await sql(`DELETE FROM events WHERE stream_name = $1 AND stream_revision = 1`, [`case-${caseId}`]);
    const verdict = await integrityOf(caseId);
    expect(verdict.body.streams[0]).toMatchObject({ ok: false, firstBrokenRevision: 1, problem: 'deleted' });
    // Renumbering the rows over the gap does not hide it: the moved event's predecessor hash differs.
    await sql(
      `UPDATE events SET stream_revision = stream_revision - 1 WHERE stream_name = $1 AND stream_revision > 1`,
      [`case-${caseId}`],
    );
    expect((await integrityOf(caseId)).body.streams[0]).toMatchObject({ ok: false, firstBrokenRevision: 1 });
  });

  it('the end of a stream deleted after an anchor is named as truncated; an altered anchor is refused', async () => {
    const caseId = await caseWithHistory();
    const last = await caseRevision(caseId);
    expect((await integrityOf(caseId)).body.ok).toBe(true);
    // Without an anchor after it, removing the last events would leave a valid (shorter) chain.
    await t.app.get(StoreIntegrity).anchor();

    await sql(`DELETE FROM events WHERE stream_name = $1 AND stream_revision >= $2`, [`case-${caseId}`, last - 1]);
    const verdict = await integrityOf(caseId);
    expect(verdict.body).toMatchObject({ ok: false, anchor: { ok: true } });
    expect(verdict.body.streams[0]).toMatchObject({
      revision: last - 2,
      ok: false,
      firstBrokenRevision: last - 1,
      problem: 'truncated',
    });
    const cli = await verifyIntegrity();
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`BROKEN case-${caseId} at revision ${last - 1} (truncated)`);

    // Lowering the anchored revision to match needs the key: the signature no longer holds.
    await sql(
      `UPDATE integrity_anchors SET payload = jsonb_set(payload, '{heads}', (
         SELECT jsonb_agg(CASE WHEN head->>'streamName' = $1 THEN jsonb_set(head, '{revision}', to_jsonb($2::text)) ELSE head END)
         FROM jsonb_array_elements(payload->'heads') head))
       WHERE id = (SELECT max(id) FROM integrity_anchors)`,
      [`case-${caseId}`, String(last - 2)],
    );
    const forged = await integrityOf(caseId);
    expect(forged.body.ok).toBe(false);
    expect(forged.body.anchor).toMatchObject({ ok: false });
    expect(forged.body.anchor.problem).toMatch(/altered or forged/);
  }, 120_000);

  it('a stream deleted whole after an anchor is still answered, as truncated from revision 0', async () => {
    const caseId = await caseWithHistory();
    const anchor = await verifyIntegrity('--anchor');
    expect(anchor.output).toMatch(/anchor \d+ at \S+: \d+ stream heads signed/);
    await sql(`DELETE FROM events WHERE stream_name = $1`, [`case-${caseId}`]);
    const verdict = await integrityOf(caseId);
    expect(verdict.status).toBe(200);
    expect(verdict.body.streams[0]).toMatchObject({
      stream: `case-${caseId}`,
      revision: null,
      firstBrokenRevision: 0,
      problem: 'truncated',
    });
  }, 120_000);

  it('an erasure of personal data (key destruction) keeps the chain valid', async () => {
    const caseId = await caseWithHistory();
    const legalBasis = { authority: 'court', decisionNumber: '2(103)-9911/2026', decidedOn: '2026-11-20' };
    const erased = await post(`/cases/${caseId}/erase-personal-data`, { legalBasis }, tokens.coordinator);
    expect(erased.status).toBe(200);
    const verdict = await integrityOf(caseId);
    expect(verdict.body.streams[0]).toMatchObject({
      stream: `case-${caseId}`,
      revision: await caseRevision(caseId),
      ok: true,
    });
    expect(verdict.body.streams.every((stream: { ok: boolean }) => stream.ok)).toBe(true);
  });
});
