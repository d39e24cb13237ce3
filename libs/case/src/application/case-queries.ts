import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor } from '@nrm/shared-kernel';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { CaseSummaryEntity } from '../read-models/case-summary.entity';
import { CaseTimelineEntryEntity } from '../read-models/case-timeline-entry.entity';
import { caseVisibilityOf } from './case-access';

export interface CaseFilters {
  stage?: string;
  status?: string;
  organisationId?: string;
  deadlineDueBefore?: Date;
  child?: boolean;
  /** Part of a case number, e.g. "2026-0001". */
  caseNumber?: string;
  page: number;
  pageSize: number;
}

export class GetCaseQuery {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {}
}

export class ListCasesQuery {
  constructor(
    readonly filters: CaseFilters,
    readonly actor: Actor,
  ) {}
}

export class GetCaseTimelineQuery {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {}
}

export type CaseView = ReturnType<typeof toCaseView>;
export type CaseListItem = ReturnType<typeof toCaseListItem>;

/** Restricts any case query to what the actor may see (need to know). */
function visibleTo(query: SelectQueryBuilder<CaseSummaryEntity>, actor: Actor) {
  const visibility = caseVisibilityOf(actor);
  return visibility
    ? query.andWhere('c.organisation_id = :visibleOrg', { visibleOrg: visibility.organisationId })
    : query;
}

/** A case the caller may not see is answered exactly like one that does not exist. */
function caseNotFound(caseId: string): NotFoundException {
  return new NotFoundException(`Case ${caseId} not found`);
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(@InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>) {}

  async execute({ caseId, actor }: GetCaseQuery): Promise<CaseView> {
    const found = await visibleTo(
      this.cases.createQueryBuilder('c').where('c.case_id = :caseId', { caseId }),
      actor,
    ).getOne();
    if (!found) throw caseNotFound(caseId);
    return toCaseView(found);
  }
}

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(@InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>) {}

  async execute({ filters, actor }: ListCasesQuery) {
    const query = visibleTo(this.cases.createQueryBuilder('c').where('true'), actor);
    if (filters.stage) query.andWhere('c.stage = :stage', { stage: filters.stage });
    if (filters.status) query.andWhere('c.status = :status', { status: filters.status });
    if (filters.organisationId) query.andWhere('c.organisation_id = :org', { org: filters.organisationId });
    if (filters.child !== undefined) query.andWhere('c.is_child = :child', { child: filters.child });
    if (filters.deadlineDueBefore) {
      query.andWhere('c.next_deadline_at < :due', { due: filters.deadlineDueBefore });
    }
    if (filters.caseNumber) {
      query.andWhere(`c.case_number ILIKE :number ESCAPE '\\'`, { number: `%${escapeLike(filters.caseNumber)}%` });
    }
    const [rows, total] = await query
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.case_id', 'ASC')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
    return { items: rows.map(toCaseListItem), page: filters.page, pageSize: filters.pageSize, total };
  }
}

@QueryHandler(GetCaseTimelineQuery)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimelineQuery> {
  constructor(
    @InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>,
    @InjectRepository(CaseTimelineEntryEntity) private readonly timeline: Repository<CaseTimelineEntryEntity>,
  ) {}

  async execute({ caseId, actor }: GetCaseTimelineQuery) {
    const visible = await visibleTo(this.cases.createQueryBuilder('c').where('c.case_id = :caseId', { caseId }), actor)
      .select(['c.caseId', 'c.caseNumber'])
      .getOne();
    if (!visible) throw caseNotFound(caseId);
    const entries = await this.timeline.find({ where: { caseId }, order: { globalPosition: 'ASC' } });
    return {
      caseId,
      caseNumber: visible.caseNumber,
      entries: entries.map((entry) => ({
        revision: Number(entry.revision),
        position: entry.globalPosition.toString(),
        event: entry.eventType,
        summary: entry.summary,
        at: entry.occurredAt.toISOString(),
        by: {
          userId: entry.actorId,
          name: entry.actorName,
          organisationId: entry.organisationId,
          organisationType: entry.organisationType,
        },
        details: entry.details,
      })),
    };
  }
}

function toCaseListItem(row: CaseSummaryEntity) {
  return {
    id: row.caseId,
    caseNumber: row.caseNumber,
    revision: Number(row.revision),
    stage: row.stage,
    status: row.status,
    organisationId: row.organisationId,
    isChild: row.isChild,
    displayName: row.person ? `${row.person.givenName} ${row.person.familyName}` : null,
    personalDataErased: row.personalDataErased,
    exploitationTypes: row.exploitationTypes,
    nextDeadlineAt: row.nextDeadlineAt?.toISOString() ?? null,
    openedAt: row.openedAt.toISOString(),
  };
}

function toCaseView(row: CaseSummaryEntity) {
  return {
    ...toCaseListItem(row),
    ageAtIdentification: row.ageAtIdentification,
    sex: row.sex,
    citizenship: row.citizenship,
    person: row.person,
    identification: row.identification,
    indicators: {
      catalogueVersion: row.indicatorCatalogueVersion,
      codes: row.indicatorCodes,
      screening: row.indicatorScreening,
    },
    urgentNeeds: row.urgentNeeds,
    consentToReferral: row.consentToReferral,
    narrative: row.narrative,
    openedBy: row.openedBy,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
