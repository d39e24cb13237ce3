import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor } from '@nrm/shared-kernel';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { CaseSummaryEntity } from '../read-models/case-summary.entity';
import { CaseTimelineEntryEntity } from '../read-models/case-timeline-entry.entity';
import { type CaseViewKind, caseViewFor, fullyVisibleCasesCondition, visibleCasesCondition } from './case-access';

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

/** A case as the caller may see it: in full, or in the care view (shelter staff). */
export type CaseView = ReturnType<typeof toCaseView> | ReturnType<typeof toCareView>;
export type CaseListItem = ReturnType<typeof toCaseListItem> | ReturnType<typeof toCareListItem>;

/** Restricts any case query to what the actor may see, in either view (need to know, case-access.ts). */
function visibleTo(query: SelectQueryBuilder<CaseSummaryEntity>, actor: Actor) {
  const visible = visibleCasesCondition(actor, 'c');
  return visible ? query.andWhere(visible.sql, visible.params) : query;
}

/** Restricts a case query to the cases the actor may see in full (the timeline: not the care view). */
function fullyVisibleTo(query: SelectQueryBuilder<CaseSummaryEntity>, actor: Actor) {
  const visible = fullyVisibleCasesCondition(actor, 'c');
  return visible ? query.andWhere(visible.sql, visible.params) : query;
}

function viewOf(row: CaseSummaryEntity, actor: Actor): CaseViewKind {
  return caseViewFor(actor, {
    organisationId: row.organisationId,
    referredToOrganisationId: row.referredToOrganisationId,
  });
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
    return viewOf(found, actor) === 'full' ? toCaseView(found) : toCareView(found);
  }
}

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(@InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>) {}

  async execute({ filters, actor }: ListCasesQuery) {
    const query = visibleTo(this.cases.createQueryBuilder('c').where('true'), actor);
    if (filters.stage) query.andWhere('c.stage = :stage', { stage: filters.stage });
    if (filters.status) query.andWhere('c.status = :status', { status: filters.status });
    // The owner and the deadlines are not in the care view: filtering on them matches only the cases
    // the caller sees in full, so a filter never reveals what the view leaves out.
    const full = fullyVisibleCasesCondition(actor, 'c');
    const inFull = (condition: string) => (full ? `(${condition} AND ${full.sql})` : condition);
    if (filters.organisationId) {
      query.andWhere(inFull('c.organisation_id = :org'), { ...full?.params, org: filters.organisationId });
    }
    if (filters.child !== undefined) query.andWhere('c.is_child = :child', { child: filters.child });
    if (filters.deadlineDueBefore) {
      query.andWhere(inFull('c.next_deadline_at < :due'), { ...full?.params, due: filters.deadlineDueBefore });
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
    return {
      items: rows.map((row) => (viewOf(row, actor) === 'full' ? toCaseListItem(row) : toCareListItem(row))),
      page: filters.page,
      pageSize: filters.pageSize,
      total,
    };
  }
}

@QueryHandler(GetCaseTimelineQuery)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimelineQuery> {
  constructor(
    @InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>,
    @InjectRepository(CaseTimelineEntryEntity) private readonly timeline: Repository<CaseTimelineEntryEntity>,
  ) {}

  async execute({ caseId, actor }: GetCaseTimelineQuery) {
    const visible = await fullyVisibleTo(
      this.cases.createQueryBuilder('c').where('c.case_id = :caseId', { caseId }),
      actor,
    )
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
    view: 'full' as const,
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

/**
 * The care view (shelter staff): what care needs, nothing of the exploitation. No narrative,
 * indicators, exploitation types, identification circumstances, who opened it or who owns it.
 */
function toCareListItem(row: CaseSummaryEntity) {
  return {
    id: row.caseId,
    view: 'care' as const,
    caseNumber: row.caseNumber,
    revision: Number(row.revision),
    stage: row.stage,
    status: row.status,
    isChild: row.isChild,
    displayName: row.person ? `${row.person.givenName} ${row.person.familyName}` : null,
    personalDataErased: row.personalDataErased,
  };
}

function toCareView(row: CaseSummaryEntity) {
  return {
    ...toCareListItem(row),
    ageAtIdentification: row.ageAtIdentification,
    sex: row.sex,
    citizenship: row.citizenship,
    /** Name, date of birth or estimated age, languages. */
    person: row.person,
    urgentNeeds: row.urgentNeeds,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
