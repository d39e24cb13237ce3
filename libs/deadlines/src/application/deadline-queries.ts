import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { CaseSummaryEntity, visibleDeadlinesCondition } from '@nrm/case';
import { CLOCK } from '@nrm/platform';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { Repository } from 'typeorm';
import type { DeadlineKind, DeadlineStatus } from '../domain/deadline-rules';
import { DeadlineEntity } from '../read-models/deadline.entity';

export interface DeadlineFilters {
  kind?: DeadlineKind;
  /** Responsible organisation. */
  organisationId?: string;
  dueFrom?: Date;
  dueTo?: Date;
  /** 'all' for every status; default 'open'. */
  status: DeadlineStatus | 'all';
  /** true: open and past due only; false: open and not yet due only. */
  overdue?: boolean;
  /** true: met after the due time only; false: met on time only (both imply status met). */
  late?: boolean;
  page: number;
  pageSize: number;
}

export class ListDeadlinesQuery {
  constructor(
    readonly filters: DeadlineFilters,
    readonly actor: Actor,
  ) {}
}

export interface DeadlineListItem {
  deadlineId: string;
  kind: string;
  caseId: string;
  caseNumber: string | null;
  reference: string | null;
  responsibleOrganisationId: string;
  startedAt: string;
  dueAt: string;
  status: string;
  closedAt: string | null;
  /** When it was met (closedAt of a met deadline), else null. */
  metAt: string | null;
  /** Met after its due time: a late hand-over stays late (status stays `met`). */
  late: boolean;
  /** Why it was cancelled: 'case-closed' or 'consent-withdrawn'; null unless cancelled. */
  closedReason: string | null;
  /** When the coordinators were alerted that it was missed. */
  escalatedAt: string | null;
  /** Open and past its due time. */
  overdue: boolean;
}

export interface DeadlineList {
  items: DeadlineListItem[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The deadline board: sorted by due time, scoped like cases (case-access.ts): the deadlines of the
 * cases the caller sees in full, plus the shelter deadlines (answer, stay) its organisation answers
 * for as a shelter's operator. Shelter staff see only the latter.
 */
@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery, DeadlineList> {
  constructor(
    @InjectRepository(DeadlineEntity) private readonly deadlines: Repository<DeadlineEntity>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filters, actor }: ListDeadlinesQuery): Promise<DeadlineList> {
    const now = this.clock.now();
    const query = this.deadlines
      .createQueryBuilder('d')
      .leftJoin(CaseSummaryEntity, 'c', 'c.case_id = d.case_id')
      .select([
        'd.deadline_id AS "deadlineId"',
        'd.kind AS "kind"',
        'd.case_id AS "caseId"',
        'c.case_number AS "caseNumber"',
        'd.reference AS "reference"',
        'd.responsible_organisation_id AS "responsibleOrganisationId"',
        'd.started_at AS "startedAt"',
        'd.due_at AS "dueAt"',
        'd.status AS "status"',
        'd.closed_at AS "closedAt"',
        'd.late AS "late"',
        'd.closed_reason AS "closedReason"',
        `(SELECT min(s.fired_at) FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id AND s.step = 'due')
          AS "escalatedAt"`,
      ])
      .where('true');
    const visible = visibleDeadlinesCondition(actor, 'd', 'c');
    if (visible) query.andWhere(visible.sql, visible.params);
    // `late` asks for met deadlines, whatever the status filter (its default is open).
    if (filters.status !== 'all' && filters.late === undefined) {
      query.andWhere('d.status = :status', { status: filters.status });
    }
    if (filters.kind) query.andWhere('d.kind = :kind', { kind: filters.kind });
    if (filters.organisationId) query.andWhere('d.responsible_organisation_id = :org', { org: filters.organisationId });
    if (filters.dueFrom) query.andWhere('d.due_at >= :dueFrom', { dueFrom: filters.dueFrom });
    if (filters.dueTo) query.andWhere('d.due_at <= :dueTo', { dueTo: filters.dueTo });
    if (filters.late !== undefined) query.andWhere(`d.status = 'met' AND d.late = :late`, { late: filters.late });
    if (filters.overdue !== undefined) {
      query.andWhere(`d.status = 'open' AND d.due_at ${filters.overdue ? '<' : '>='} :now`, { now });
    }
    const total = await query.getCount();
    const rows: RawDeadline[] = await query
      .orderBy('d.due_at', 'ASC')
      .addOrderBy('d.deadline_id', 'ASC')
      .offset((filters.page - 1) * filters.pageSize)
      .limit(filters.pageSize)
      .getRawMany();
    return {
      items: rows.map((row) => toListItem(row, now)),
      page: filters.page,
      pageSize: filters.pageSize,
      total,
    };
  }
}

/** A row as the query selects it: the item's stored fields, its times as the driver reads them. */
type RawDeadline = Omit<DeadlineListItem, 'startedAt' | 'dueAt' | 'closedAt' | 'escalatedAt' | 'metAt' | 'overdue'> & {
  startedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  escalatedAt: Date | null;
};

function toListItem(row: RawDeadline, now: Date): DeadlineListItem {
  return {
    ...row,
    startedAt: row.startedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    metAt: row.status === 'met' ? (row.closedAt?.toISOString() ?? null) : null,
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    overdue: row.status === 'open' && row.dueAt.getTime() < now.getTime(),
  };
}
