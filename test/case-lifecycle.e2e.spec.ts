import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@nrm/event-store';
import type { Response } from 'supertest';
import { countEvents } from './support/events';
import { PROBLEM, expectRefusalLeftEvents } from './support/refusals';
import { asBearer, openCaseAs, readCaseAs, readTimelineAs } from './support/requests';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';
import { entrySaying } from './support/timeline';
import { caseWorker, officersAndCoordinator, signToken } from './support/tokens';

describe('Case lifecycle through HTTP: closure, reopening, transfer', () => {
  const t = useTestApp({
    env: WITHOUT_APPROVALS,
    users: {
      ...officersAndCoordinator('officer-l'),
      receiver: caseWorker({ org: 'ngo-clean-world' }),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);

  const openCase = () => openCaseAs(t.http, tokens.officer);
  const post = (path: string, body: object, token = tokens.officer, headers: Record<string, string> = {}) =>
    asBearer(t.http, token).post(path, body, headers);
  const read = (caseId: string, position: string, token = tokens.officer) =>
    readCaseAs(t.http, token, caseId, position);
  const transfer = (caseId: string, toOrganisationId: string, toOrganisationType: string, reason: string) =>
    post(`/cases/${caseId}/transfer`, { toOrganisationId, toOrganisationType, reason });
  const timeline = (caseId: string, position: string, token = tokens.officer) =>
    readTimelineAs(t.http, token, caseId, position);

  const expectRefused = (response: Response, status: number, rule: string, before: number) =>
    expectRefusalLeftEvents(t.database.url, response, status, rule, before);
  /** Refused as a closed case's commands are (409 case-not-closed), the `before` events left as they were. */
  const expectRefusedAsClosed = (response: Response, before: number) =>
    expectRefused(response, 409, 'case-not-closed', before);
  const withdrawConsent = (caseId: string) =>
    post(`/cases/${caseId}/consent`, { consentToReferral: false }, tokens.coordinator);

  describe('closure and reopening', () => {
    it('closes a case: stage closed, every command but reopen refused with nothing appended, reopen restores it', async () => {
      const { caseId } = await openCase();

      const closed = await post(`/cases/${caseId}/close`, { reason: 'lost-contact', note: 'No answer since May' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ caseId, revision: 1, position: expect.any(String) });
      expect(closed.headers.etag).toBe('"1"');
      const afterClose = await read(caseId, closed.body.position);
      expect(afterClose.body).toMatchObject({ stage: 'closed' });
      expect(afterClose.headers.etag).toBe('"1"');

      const before = await events();
      await expectRefusedAsClosed(await withdrawConsent(caseId), before);
      await expectRefusedAsClosed(await post(`/cases/${caseId}/close`, { reason: 'deceased' }), before);
      await expectRefusedAsClosed(await transfer(caseId, 'ngo-clean-world', 'ngo', 'x'), before);

      const reopened = await post(`/cases/${caseId}/reopen`, { reason: 'The person called the hotline again' });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ revision: 2 });
      expect((await read(caseId, reopened.body.position)).body).toMatchObject({ stage: 'identification' });

      const consent = await withdrawConsent(caseId);
      expect(consent.status).toBe(200);
      expect(consent.body).toMatchObject({ revision: 3 });

      const entries = (await timeline(caseId, consent.body.position)).body.entries;
      expect(entries.map((e: { event: string }) => e.event)).toEqual([
        'CaseOpened',
        'CaseClosed',
        'CaseReopened',
        'ReferralConsentRecorded',
      ]);
      expect(entries[1]).toMatchObject({
        ...entrySaying('contact with the person was lost', {
          userId: 'officer-l',
          organisationId: 'police-baku',
          organisationType: 'police',
        }),
        details: { reason: 'lost-contact', stageBeforeClosure: 'identification' },
      });
      expect(entries[2]).toMatchObject({ summary: expect.stringContaining('reopened'), by: { userId: 'officer-l' } });
      // Free texts are personal data: never on the timeline.
      expect(JSON.stringify(entries)).not.toContain('No answer since May');
      expect(JSON.stringify(entries)).not.toContain('hotline');
    });

    it('refuses to reopen a case that is not closed (409 case-is-closed) and appends nothing', async () => {
      const { caseId } = await openCase();
      const before = await events();
      await expectRefused(await post(`/cases/${caseId}/reopen`, { reason: 'why not' }), 409, 'case-is-closed', before);
    });

    it("refuses 'status-refused' while victim status was not refused (409) and appends nothing", async () => {
      const { caseId } = await openCase();
      const before = await events();
      await expectRefused(
        await post(`/cases/${caseId}/close`, { reason: 'status-refused' }),
        409,
        'closure-status-refused-needs-refusal',
        before,
      );
    });

    it('invalid input is 400 naming every bad field and appends nothing', async () => {
      const { caseId } = await openCase();
      const before = await events();
      const close = await post(`/cases/${caseId}/close`, { reason: 'other', note: '', colour: 'red' });
      expect(close.status).toBe(400);
      expect(close.headers['content-type']).toMatch(PROBLEM);
      expect(close.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['reason', 'note', 'colour']),
      );
      const reopen = await post(`/cases/${caseId}/reopen`, {});
      expect(reopen.status).toBe(400);
      expect(reopen.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const transfer = await post(`/cases/${caseId}/transfer`, { toOrganisationId: '', toOrganisationType: 'bank' });
      expect(transfer.status).toBe(400);
      expect(transfer.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['toOrganisationId', 'toOrganisationType', 'reason']),
      );
      expect(await events()).toBe(before);
    });

    it('a case the caller may not see is 404, an analyst 403, a stale If-Match 412; Idempotency-Key replays', async () => {
      const { caseId } = await openCase();
      const before = await events();
      expect((await post(`/cases/${caseId}/close`, { reason: 'deceased' }, tokens.otherOfficer)).status).toBe(404);
      expect((await post(`/cases/${randomUUID()}/close`, { reason: 'deceased' })).status).toBe(404);
      const analyst = await signToken({
        sub: 'a',
        org: 'stat',
        orgType: 'statistics',
        roles: ['analyst'],
      });
      expect((await post(`/cases/${caseId}/close`, { reason: 'deceased' }, analyst)).status).toBe(403);
      expect(
        (await post(`/cases/${caseId}/close`, { reason: 'deceased' }, tokens.officer, { 'If-Match': '"7"' })).status,
      ).toBe(412);
      expect(await events()).toBe(before);

      const headers = { 'Idempotency-Key': `close-${caseId}`, 'If-Match': '"0"' };
      const first = await post(`/cases/${caseId}/close`, { reason: 'deceased' }, tokens.officer, headers);
      const again = await post(`/cases/${caseId}/close`, { reason: 'deceased' }, tokens.officer, headers);
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await events()).toBe(before + 1);
    });
  });

  describe('transfer', () => {
    it('moves the case to the receiver: the old organisation gets 404 from then on, the receiver sees it', async () => {
      const { caseId } = await openCase();
      const transferred = await transfer(caseId, 'ngo-clean-world', 'ngo', 'Case management by the NGO in Gəncə');
      expect(transferred.status).toBe(200);
      expect(transferred.body).toMatchObject({ revision: 1 });

      const asReceiver = await read(caseId, transferred.body.position, tokens.receiver);
      expect(asReceiver.status).toBe(200);
      expect(asReceiver.body).toMatchObject({ organisationId: 'ngo-clean-world' });

      const before = await events();
      expect((await read(caseId, transferred.body.position, tokens.officer)).status).toBe(404);
      expect((await timeline(caseId, transferred.body.position, tokens.officer)).status).toBe(404);
      expect((await post(`/cases/${caseId}/close`, { reason: 'deceased' }, tokens.officer)).status).toBe(404);
      const listed = await asBearer(t.http, tokens.officer).get(`/cases?minPosition=${transferred.body.position}`);
      expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
      expect(await events()).toBe(before);

      const entries = (await timeline(caseId, transferred.body.position, tokens.coordinator)).body.entries;
      expect(entries[1]).toMatchObject({
        event: 'CaseTransferred',
        summary: 'Case transferred from police-baku to ngo-clean-world (ngo).',
        by: { userId: 'officer-l', organisationId: 'police-baku' },
      });
      expect(JSON.stringify(entries)).not.toContain('Gəncə');

      // The receiver works on it now.
      const closed = await post(`/cases/${caseId}/close`, { reason: 'reintegrated' }, tokens.receiver);
      expect(closed.status).toBe(200);
    });

    it('refuses a transfer to the organisation that owns the case (422) and appends nothing', async () => {
      const { caseId } = await openCase();
      const before = await events();
      await expectRefused(
        await transfer(caseId, 'police-baku', 'police', 'no change'),
        422,
        'transfer-to-another-organisation',
        before,
      );
    });
  });

  describe('upcasting: a CaseClosed stored as v1 (free-text reason) reads as v2', () => {
    it('shows on the timeline as reason other, and the case reopens from it', async () => {
      const { caseId } = await openCase();
      const store = t.app.get<EventStore>(EVENT_STORE);
      const appended = await store.appendToStream(
        `case-${caseId}`,
        [
          {
            id: randomUUID(),
            type: 'CaseClosed',
            schemaVersion: 1,
            data: {
              caseId,
              reason: 'Moved to relatives in the countryside',
              stageBeforeClosure: 'identification',
              closedAt: '2025-06-01T09:00:00.000Z',
            },
            metadata: {
              actorId: 'worker-legacy',
              actorName: 'Legacy worker',
              organisationId: 'police-baku',
              organisationType: 'police',
              correlationId: randomUUID(),
              occurredAt: '2025-06-01T09:00:00.000Z',
            },
          },
        ],
        0n,
      );
      const position = appended.lastGlobalPosition.toString();
      expect((await read(caseId, position)).body).toMatchObject({ stage: 'closed' });
      const entries = (await timeline(caseId, position)).body.entries;
      expect(entries[1]).toMatchObject({
        event: 'CaseClosed',
        summary: 'Case closed: another reason (stage was identification).',
        details: { reason: 'other', noteRecorded: true, stageBeforeClosure: 'identification' },
        by: { userId: 'worker-legacy' },
      });

      // The write side reads it through the same upcaster: the case is closed, and reopens.
      const before = await events();
      await expectRefusedAsClosed(await withdrawConsent(caseId), before);
      const reopened = await post(`/cases/${caseId}/reopen`, { reason: 'Back in Baku' });
      expect(reopened.status).toBe(200);
      expect((await read(caseId, reopened.body.position)).body).toMatchObject({ stage: 'identification' });
    });
  });
});
