import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@nrm/event-store';
import { Environment } from '@nrm/platform';
import { ProjectionProgress } from '@nrm/projections';
import { type Actor, NotFoundError } from '@nrm/shared-kernel';
import { DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { ApprovableCommandType } from '../domain/approval.events';
import { ApprovalEntity } from '../read-models/approval.entity';
import { APPROVALS_PROJECTION } from '../read-models/approvals.projection';

export const APPROVAL_STATUSES = ['pending', 'granted', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ApprovalView {
  approvalId: string;
  caseId: string;
  caseNumber: string;
  commandType: ApprovableCommandType;
  status: ApprovalStatus;
  /** The command as stated (e.g. a closure's reason and note); null once the person's data was erased. */
  command: Record<string, unknown> | null;
  approverOrganisationId: string;
  requestedBy: { userId: string; name: string; organisationId: string };
  requestedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  decidedBy: { userId: string; name: string | null } | null;
  rejectionReason: string | null;
  personalDataErased: boolean;
}

export interface ApprovalPage {
  items: ApprovalView[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The approvals a caller may see: a coordinator every one; a supervisor those of its organisation's
 * cases; anyone the ones they asked for. Another approval is "not found".
 */
@Injectable()
export class ApprovalQueries implements OnApplicationShutdown {
  private readonly progress: ProjectionProgress;

  constructor(
    @InjectRepository(ApprovalEntity) private readonly approvals: Repository<ApprovalEntity>,
    dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly env: Environment,
  ) {
    this.progress = new ProjectionProgress(dataSource, store);
  }

  async list(
    actor: Actor,
    filters: { status?: ApprovalStatus; caseId?: string; page: number; pageSize: number },
    now: Date,
  ): Promise<ApprovalPage> {
    const query = this.visibleTo(actor);
    if (filters.status) query.andWhere('a.status = :status', { status: filters.status });
    if (filters.caseId) query.andWhere('a.case_id = :caseId', { caseId: filters.caseId });
    const [rows, total] = await query
      .orderBy('a.due_at', 'ASC')
      .addOrderBy('a.approval_id', 'ASC')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
    return { items: rows.map((row) => toView(row, now)), page: filters.page, pageSize: filters.pageSize, total };
  }

  async get(approvalId: string, actor: Actor, now: Date): Promise<ApprovalView> {
    return toView(await this.locate(approvalId, actor), now);
  }

  /**
   * The approval, for a caller who may see it. An approval asked a moment ago may not be in the read
   * model yet (the approver was told by the requester, not by the list): then wait, at most
   * READ_WAIT_TIMEOUT_MS, for the list to reach the newest event, and look again.
   */
  async locate(approvalId: string, actor: Actor): Promise<ApprovalEntity> {
    const find = () => this.visibleTo(actor).andWhere('a.approval_id = :approvalId', { approvalId }).getOne();
    let found = await find();
    if (!found) {
      const head = await this.store.headPosition();
      if (head !== null && (await this.progress.waitFor([APPROVALS_PROJECTION], head, this.env.READ_WAIT_TIMEOUT_MS))) {
        found = await find();
      }
    }
    if (!found) throw new NotFoundError(`Approval ${approvalId} not found`);
    return found;
  }

  private visibleTo(actor: Actor): SelectQueryBuilder<ApprovalEntity> {
    const query = this.approvals.createQueryBuilder('a');
    if (actor.roles.includes('coordinator')) return query;
    return query.where(
      `(a.requested_by_user_id = :userId OR (:supervisor AND a.approver_organisation_id = :organisationId))`,
      { userId: actor.userId, supervisor: actor.roles.includes('supervisor'), organisationId: actor.organisationId },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.progress.close();
  }
}

function toView(row: ApprovalEntity, now: Date): ApprovalView {
  return {
    approvalId: row.approvalId,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    commandType: row.commandType as ApprovableCommandType,
    status: row.status as ApprovalStatus,
    command: row.command,
    approverOrganisationId: row.approverOrganisationId,
    requestedBy: {
      userId: row.requestedByUserId,
      name: row.requestedByName,
      organisationId: row.requestedByOrganisationId,
    },
    requestedAt: row.requestedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: row.status === 'pending' && row.dueAt.getTime() < now.getTime(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decidedBy: row.decidedByUserId ? { userId: row.decidedByUserId, name: row.decidedByName } : null,
    rejectionReason: row.rejectionReason,
    personalDataErased: row.personalDataErased,
  };
}
