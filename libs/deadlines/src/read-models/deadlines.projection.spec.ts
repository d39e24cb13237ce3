import { randomUUID } from 'node:crypto';
import { CaseSummaryEntity } from '@nrm/case';
import type { DecodedEvent } from '@nrm/event-store';
import { dataSourceOptions } from '@nrm/platform';
import { FixedClock } from '@nrm/shared-kernel';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { ListDeadlinesHandler } from '../application/deadline-queries';
import { plannedSteps } from '../scheduling/deadline-steps';
import { shippedDeadlineSettings as settings } from '../testing';
import { DeadlineEntity } from './deadline.entity';
import { DeadlinesProjection } from './deadlines.projection';

const caseId = '0b7a7c8e-1f2d-4e5a-9b3c-6d7e8f9a0b1c';
const DAY = 86_400_000;

let position = 0n;
function event(type: string, data: object, organisationId = 'police-baku'): DecodedEvent {
  position += 1n;
  return {
    type,
    data: { caseId, ...data },
    metadata: { actorId: 'u', organisationId, correlationId: 'c', occurredAt: '2026-11-21T10:00:00.000Z' },
    streamName: `case-${caseId}`,
    revision: position - 1n,
    globalPosition: position,
    personalDataErased: false,
  };
}

describe('DeadlinesProjection against PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      dataSourceOptions(database.url, [DeadlineEntity, CaseSummaryEntity]),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const rows = () => dataSource.query(`SELECT * FROM deadlines ORDER BY deadline_id`);
  // Who may see which deadline is the access tests' concern; a coordinator sees them all.
  const coordinator = {
    userId: 'u',
    name: 'n',
    organisationId: 'national-coordinator',
    organisationType: 'coordinator' as const,
    roles: ['coordinator' as const],
  };
  const apply = (projection: DeadlinesProjection, events: DecodedEvent[]) =>
    dataSource.transaction((manager) => projection.apply(events, manager));

  const opened = event('CaseOpened', {
    isChild: false,
    openingOrganisationId: 'police-baku',
    identification: { identifiedAt: '2026-11-20T10:30:00.000Z' },
  });
  const started = event(
    'ReflectionPeriodStarted',
    { periodId: 'rp1', startedAt: '2026-10-20T10:00:00.000Z', endsAt: '2026-11-19T10:00:00.000Z', days: 30 },
    'mia-anti-trafficking',
  );
  const extended = event('ReflectionPeriodExtended', { periodId: 'rp1', endsAt: '2026-12-04T10:00:00.000Z' });
  const referred = event('CaseReferred', {
    competentAuthorityOrgId: 'mia-anti-trafficking',
    referredAt: '2026-11-21T10:00:00.000Z',
  });
  const history = [opened, started, extended, referred];

  it('applies the rules, and a replay of the same events changes nothing', async () => {
    const changed: string[][] = [];
    const projection = new DeadlinesProjection(settings, {
      deadlinesChanged: async (ids) => void changed.push([...ids]),
    });
    await apply(projection, history);
    await projection.afterCommit();
    const first = await rows();
    expect(
      first.map((r: Record<string, unknown>) => [r.deadline_id, r.status, r.version, r.responsible_organisation_id]),
    ).toEqual([
      [`hand-over.${caseId}`, 'met', 1, 'police-baku'],
      // The case summary is not there: the owner is the case's opening organisation (from its hand-over).
      [`reflection-period.${caseId}.rp1`, 'open', 2, 'police-baku'],
      [`status-decision.${caseId}`, 'open', 1, 'mia-anti-trafficking'],
    ]);
    expect(first[1].due_at).toEqual(new Date('2026-12-04T10:00:00.000Z'));
    expect(first[1].updated_position).toBe(extended.globalPosition.toString());
    expect(changed).toEqual([[`hand-over.${caseId}`, `reflection-period.${caseId}.rp1`, `status-decision.${caseId}`]]);

    // The whole batch again, and each event alone: the same rows, and no deadline reported changed.
    await apply(projection, history);
    for (const e of history) await apply(projection, [e]);
    await projection.afterCommit();
    expect(await rows()).toEqual(first);
    expect(changed).toHaveLength(1);
  });

  it('opens the deadlines of a batch of cases in one statement; the batch again opens none', async () => {
    const caseIds = Array.from({ length: 50 }, () => randomUUID());
    const openings = caseIds.map((id) =>
      event('CaseOpened', {
        caseId: id,
        isChild: false,
        openingOrganisationId: 'police-baku',
        identification: { identifiedAt: '2026-11-20T10:30:00.000Z' },
      }),
    );
    const changed: string[][] = [];
    const projection = new DeadlinesProjection(settings, {
      deadlinesChanged: async (ids) => void changed.push([...ids]),
    });
    const statementsOf = (events: DecodedEvent[]) =>
      dataSource.transaction(async (manager) => {
        const statements = jest.spyOn(manager, 'query');
        await projection.apply(events, manager);
        await projection.afterCommit();
        return statements.mock.calls.length;
      });

    expect(await statementsOf(openings)).toBe(1);
    const handOvers: { case_id: string }[] = await dataSource.query(
      `SELECT case_id FROM deadlines WHERE kind = 'hand-over' AND status = 'open' AND case_id = ANY($1)`,
      [caseIds],
    );
    expect(handOvers.map((row) => row.case_id).sort()).toEqual([...caseIds].sort());
    expect(changed).toEqual([caseIds.map((id) => `hand-over.${id}`)]);

    expect(await statementsOf(openings)).toBe(1);
    expect(changed).toHaveLength(1);
    // The other cases here read every row of the board.
    await dataSource.query(`DELETE FROM deadlines WHERE case_id = ANY($1)`, [caseIds]);
  });

  it("a move bumps the version (the steps fired are the old version's); a close only closes an open deadline", async () => {
    const projection = new DeadlinesProjection(settings);
    await apply(projection, [
      event('ReflectionPeriodExtended', { periodId: 'rp1', endsAt: '2026-12-20T10:00:00.000Z' }),
    ]);
    const [moved] = await dataSource.query(`SELECT * FROM deadlines WHERE kind = 'reflection-period'`);
    expect(moved).toMatchObject({ version: 3, due_at: new Date('2026-12-20T10:00:00.000Z') });

    await apply(projection, [event('ReflectionPeriodEnded', { periodId: 'rp1' })]);
    await apply(projection, [event('ReflectionPeriodExpired', { periodId: 'rp1', expiredAt: '2026-12-20T10:00:00Z' })]);
    await apply(projection, [
      event('ReflectionPeriodExtended', { periodId: 'rp1', endsAt: '2027-01-20T10:00:00.000Z' }),
    ]);
    const [closed] = await dataSource.query(`SELECT * FROM deadlines WHERE kind = 'reflection-period'`);
    expect(closed).toMatchObject({ status: 'met', version: 3, due_at: new Date('2026-12-20T10:00:00.000Z') });
  });

  it('closing the case cancels what is still open; afterCommit never throws', async () => {
    const projection = new DeadlinesProjection(settings, {
      deadlinesChanged: () => Promise.reject(new Error('Redis is away')),
    });
    await apply(projection, [event('CaseClosed', { reason: 'lost-contact' })]);
    await expect(projection.afterCommit()).resolves.toBeUndefined();
    const statuses = await dataSource.query(`SELECT kind, status FROM deadlines ORDER BY kind`);
    expect(statuses).toEqual([
      { kind: 'hand-over', status: 'met' },
      { kind: 'reflection-period', status: 'met' },
      { kind: 'status-decision', status: 'cancelled' },
    ]);
  });

  it('the board marks open deadlines past due as overdue, by the injected clock', async () => {
    const other = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
    const projection = new DeadlinesProjection(settings);
    await apply(projection, [
      {
        ...event('CaseOpened', {
          isChild: true,
          openingOrganisationId: 'police-ganja',
          identification: { identifiedAt: '2026-11-20T10:00:00.000Z' },
        }),
        data: {
          caseId: other,
          isChild: true,
          openingOrganisationId: 'police-ganja',
          identification: { identifiedAt: '2026-11-20T10:00:00.000Z' },
        },
      },
    ]);
    const clock = new FixedClock(new Date('2026-11-21T09:00:00.000Z'));
    const handler = new ListDeadlinesHandler(dataSource.getRepository(DeadlineEntity), clock);
    const list = (overdue?: boolean) =>
      handler.execute({
        filters: { status: 'open', overdue, organisationId: 'police-ganja', page: 1, pageSize: 20 },
        actor: coordinator,
      } as never);

    expect((await list()).items.map((i) => [i.kind, i.overdue])).toEqual([
      ['child-protection-notice', false],
      ['hand-over', false],
    ]);
    clock.advance(DAY);
    expect((await list()).items.every((i) => i.overdue)).toBe(true);
    expect((await list(true)).total).toBe(2);
    expect((await list(false)).total).toBe(0);
  });

  it('a rebuild keeps what the jobs did (their own table): the board answers alike, nothing fires again', async () => {
    const rebuilt = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
    const openedLate = {
      ...event('CaseOpened', {}),
      data: {
        caseId: rebuilt,
        isChild: false,
        consentToReferral: true,
        openingOrganisationId: 'police-baku',
        identification: { identifiedAt: '2026-11-19T10:00:00.000Z' },
      },
    };
    await apply(new DeadlinesProjection(settings), [openedLate]);
    const deadlineId = `hand-over.${rebuilt}`;
    // What the jobs did: a reminder at 3/4, then the escalation.
    const remindedAt = new Date('2026-11-20T04:00:00.000Z');
    const escalatedAt = new Date('2026-11-20T10:00:01.000Z');
    for (const [step, at] of [
      ['remind-75pct', remindedAt],
      ['due', escalatedAt],
    ] as const) {
      await dataSource.query(
        `INSERT INTO deadline_job_steps (deadline_id, deadline_version, step, fired_at) VALUES ($1, 1, $2, $3)`,
        [deadlineId, step, at],
      );
    }
    const handler = new ListDeadlinesHandler(
      dataSource.getRepository(DeadlineEntity),
      new FixedClock(new Date('2026-11-21T10:00:00.000Z')),
    );
    const board = async () =>
      (
        await handler.execute({
          filters: { status: 'all', organisationId: 'police-baku', page: 1, pageSize: 100 },
          actor: coordinator,
        } as never)
      ).items.find((item) => item.deadlineId === deadlineId);
    const before = await board();
    expect(before).toMatchObject({ status: 'open', overdue: true, escalatedAt: escalatedAt.toISOString() });

    // The rebuild: the read model emptied, every event applied again; the jobs' table is not touched.
    await dataSource.query(`TRUNCATE deadlines`);
    await apply(new DeadlinesProjection(settings), [openedLate]);
    expect(await board()).toEqual(before);
    const [row] = await dataSource.query(`SELECT * FROM deadlines WHERE deadline_id = $1`, [deadlineId]);
    const [{ steps }] = await dataSource.query(
      `SELECT array_agg(step ORDER BY fired_at) AS steps FROM deadline_job_steps
       WHERE deadline_id = $1 AND deadline_version = $2`,
      [deadlineId, row.version],
    );
    expect(steps).toEqual(['remind-75pct', 'due']);
    const plan = plannedSteps(
      {
        deadlineId,
        version: row.version,
        startedAt: row.started_at,
        dueAt: row.due_at,
        firedSteps: steps,
        lastRemindedAt: remindedAt,
        awaitsExpiryEvent: false,
      },
      [72, 24],
      Date.parse('2026-11-21T10:00:00.000Z'),
    );
    expect(plan).toEqual([]);
  });
});
