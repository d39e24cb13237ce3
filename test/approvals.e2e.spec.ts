import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { useTestApp } from './support/test-app';
import { officerAndCoordinator, responder, supervisor } from './support/tokens';

const HOUR_MS = 3_600_000;

interface Notification {
  kind: string;
  deadlineId: string;
  caseId: string;
  message: string;
}

describe('Supervisor approvals through HTTP (default configuration: closure and plan adoption gated)', () => {
  // Each scenario reads back through the projections many times (board, inbox, list, case page).
  jest.setTimeout(120_000);

  const t = useTestApp({
    users: {
      ...officerAndCoordinator('officer-a'),
      otherOfficer: responder('police-baku', 'officer-b'),
      boss: supervisor('police-baku'),
      otherBoss: supervisor('police-ganja'),
    },
  });
  const { tokens } = t;

  const events = () => countEvents(t.database.url);
  const post = (path: string, body: object, token: string) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  async function openCase(): Promise<string> {
    const opened = await post('/cases', validCase(), tokens.officer);
    expect(opened.status).toBe(201);
    return opened.body.caseId;
  }

  /** The board at `position` (the deadlines projection, which also writes the inbox, has reached it). */
  async function approvalDeadlines(caseId: string, position: string) {
    const board = await request(t.http)
      .get('/deadlines')
      .query({ kind: 'approval', status: 'all', minPosition: position, pageSize: 100 })
      .set('Authorization', `Bearer ${tokens.boss}`);
    expect(board.status).toBe(200);
    return (board.body.items as { caseId: string; status: string; dueAt: string; startedAt: string }[]).filter(
      (item) => item.caseId === caseId,
    );
  }

  async function inbox(token: string, caseId: string): Promise<Notification[]> {
    const response = await get('/notifications?pageSize=100', token);
    expect(response.status).toBe(200);
    // Only the approvals' notifications (the case's overdue hand-over escalates too).
    return (response.body.items as Notification[]).filter((n) => n.caseId === caseId && n.kind.startsWith('approval-'));
  }

  it('request → rejection with a reason → resubmission → approval: the case is closed once approved', async () => {
    const caseId = await openCase();
    const closure = { reason: 'lost-contact', note: 'No answer since May' };

    // The officer asks: recorded, not executed.
    const asked = await post(`/cases/${caseId}/close`, closure, tokens.officer);
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ caseId, status: 'pending', approvalId: expect.any(String) });
    const firstId: string = asked.body.approvalId;
    expect(asked.headers.location).toBe(`/approvals/${firstId}`);
    const page = await get(`/cases/${caseId}?minPosition=${asked.body.position}`, tokens.officer);
    expect(page.body.stage).not.toBe('closed');
    expect(page.body.tracks.approvals).toEqual([
      expect.objectContaining({ approvalId: firstId, commandType: 'CloseCase', state: 'pending' }),
    ]);

    // One pending approval per command and case; a closure that would be refused is refused now.
    const before = await events();
    const again = await post(`/cases/${caseId}/close`, closure, tokens.otherOfficer);
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('approval-pending');
    const refused = await post(`/cases/${caseId}/close`, { reason: 'status-refused' }, tokens.officer);
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('closure-status-refused-needs-refusal');
    expect(await events()).toBe(before);

    // The approvers see it: list, board (due APPROVAL_DEADLINE_HOURS later), inbox.
    const pending = await get(`/approvals?status=pending&minPosition=${asked.body.position}`, tokens.boss);
    expect(pending.status).toBe(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({
        approvalId: firstId,
        caseId,
        commandType: 'CloseCase',
        status: 'pending',
        command: { type: 'CloseCase', ...closure },
        requestedBy: { userId: 'officer-a', name: 'Officer officer-a', organisationId: 'police-baku' },
      }),
    ]);
    expect((await get('/approvals?status=pending', tokens.otherBoss)).body.items).toEqual([]);
    expect(
      (await get('/approvals?status=pending', tokens.coordinator)).body.items.map(
        (a: { approvalId: string }) => a.approvalId,
      ),
    ).toContain(firstId);
    expect((await get('/approvals', tokens.otherOfficer)).body.items).toEqual([]);
    const [deadline] = await approvalDeadlines(caseId, asked.body.position);
    expect(deadline).toMatchObject({ status: 'open' });
    expect(Date.parse(deadline.dueAt) - Date.parse(deadline.startedAt)).toBe(48 * HOUR_MS);
    expect((await inbox(tokens.boss, caseId)).map((n) => n.kind)).toEqual(['approval-requested']);
    expect((await inbox(tokens.coordinator, caseId)).map((n) => n.kind)).toEqual(['approval-requested']);
    expect(await inbox(tokens.officer, caseId)).toEqual([]);

    // Only an approver decides.
    expect((await post(`/approvals/${firstId}/approve`, {}, tokens.officer)).status).toBe(403);
    expect((await post(`/approvals/${firstId}/approve`, {}, tokens.otherBoss)).status).toBe(404);
    expect((await post(`/approvals/${firstId}/reject`, { reason: ' ' }, tokens.boss)).status).toBe(400);

    // Rejected with a reason: the requester reads it, the case is unchanged.
    const rejected = await post(`/approvals/${firstId}/reject`, { reason: 'Ask her family first' }, tokens.boss);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ approvalId: firstId, status: 'rejected', caseId });
    const [met] = await approvalDeadlines(caseId, rejected.body.position);
    expect(met.status).toBe('met');
    const seen = await get(`/approvals/${firstId}`, tokens.officer);
    expect(seen.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Ask her family first',
      decidedBy: { userId: 'supervisor-police-baku' },
    });
    expect((await inbox(tokens.officer, caseId)).map((n) => n.kind)).toEqual(['approval-rejected']);
    expect((await post(`/approvals/${firstId}/approve`, {}, tokens.boss)).body.rule).toBe('approval-not-pending');

    // Resubmitted: a new request, then approved: closed now.
    const resubmitted = await post(`/cases/${caseId}/close`, closure, tokens.officer);
    expect(resubmitted.status).toBe(202);
    const secondId: string = resubmitted.body.approvalId;
    expect(secondId).not.toBe(firstId);
    const approved = await post(`/approvals/${secondId}/approve`, {}, tokens.boss);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ approvalId: secondId, status: 'granted', caseId });

    const closed = await get(`/cases/${caseId}?minPosition=${approved.body.position}`, tokens.officer);
    expect(closed.body.stage).toBe('closed');
    expect(closed.body.tracks.approvals.map((a: { state: string }) => a.state)).toEqual(['rejected', 'granted']);
    const timeline = await get(`/cases/${caseId}/timeline?minPosition=${approved.body.position}`, tokens.officer);
    const entries: { event: string; details: Record<string, unknown> }[] = timeline.body.entries;
    expect(entries.map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'ApprovalRequested',
      'ApprovalRejected',
      'ApprovalRequested',
      'ApprovalGranted',
      'CaseClosed',
    ]);
    expect(entries[2].details).toMatchObject({ approvalId: firstId, reason: 'Ask her family first' });
    const deadlines = await approvalDeadlines(caseId, approved.body.position);
    expect(deadlines.map((d) => d.status)).toEqual(['met', 'met']);
    expect((await inbox(tokens.officer, caseId)).map((n) => n.kind).sort()).toEqual([
      'approval-granted',
      'approval-rejected',
    ]);
    expect((await get(`/approvals/${secondId}`, tokens.officer)).body.status).toBe('granted');
  });

  it("a plan's adoption is asked for, and adopted once a coordinator approves it", async () => {
    const caseId = await openCase();
    const plan = { goals: [{ domain: 'education', description: 'Return to school for the spring term' }] };
    const asked = await post(`/cases/${caseId}/reintegration-plan`, plan, tokens.officer);
    expect(asked.status).toBe(202);
    expect(
      (await get(`/cases/${caseId}?minPosition=${asked.body.position}`, tokens.officer)).body.tracks.reintegration,
    ).toBeNull();
    const approved = await post(`/approvals/${asked.body.approvalId}/approve`, {}, tokens.coordinator);
    expect(approved.status).toBe(200);
    const page = await get(`/cases/${caseId}?minPosition=${approved.body.position}`, tokens.officer);
    expect(page.body.stage).toBe('reintegration');
    expect(page.body.tracks.reintegration.goals).toEqual([
      { domain: 'education', description: 'Return to school for the spring term', targetDate: null },
    ]);
  });

  it('a supervisor of the case organisation, or a coordinator, closes at once', async () => {
    const bySupervisor = await post(`/cases/${await openCase()}/close`, { reason: 'lost-contact' }, tokens.boss);
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.approvalId).toBeUndefined();
    const byCoordinator = await post(
      `/cases/${await openCase()}/close`,
      { reason: 'lost-contact' },
      tokens.coordinator,
    );
    expect(byCoordinator.status).toBe(200);
  });

  it('an approval refused by the rules when granted stays pending (the case was closed meanwhile)', async () => {
    const caseId = await openCase();
    const asked = await post(`/cases/${caseId}/close`, { reason: 'lost-contact' }, tokens.officer);
    expect(asked.status).toBe(202);
    expect((await post(`/cases/${caseId}/close`, { reason: 'deceased' }, tokens.coordinator)).status).toBe(200);
    const granted = await post(`/approvals/${asked.body.approvalId}/approve`, {}, tokens.boss);
    expect(granted.status).toBe(409);
    expect(granted.body.rule).toBe('case-not-closed');
    expect((await get(`/approvals/${asked.body.approvalId}`, tokens.boss)).body.status).toBe('pending');
  });
});

describe('Supervisor approvals turned off (APPROVAL_REQUIRED_COMMANDS=none)', () => {
  const t = useTestApp({
    env: { APPROVAL_REQUIRED_COMMANDS: 'none' },
    users: { officer: responder('police-baku', 'officer-a') },
  });

  it('executes a closure at once', async () => {
    const { officer } = t.tokens;
    const opened = await request(t.http).post('/cases').set('Authorization', `Bearer ${officer}`).send(validCase());
    const closed = await request(t.http)
      .post(`/cases/${opened.body.caseId}/close`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ reason: 'lost-contact' });
    expect(closed.status).toBe(200);
    expect(closed.body.approvalId).toBeUndefined();
  });
});
