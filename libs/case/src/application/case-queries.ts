import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { CLOCK } from '@nrm/platform';
import { type Actor, type Clock, NotFoundError } from '@nrm/shared-kernel';
import { type EntityManager, LessThanOrEqual, Repository, type SelectQueryBuilder } from 'typeorm';
import { CaseSummaryEntity } from '../read-models/case-summary.entity';
import { CaseTimelineEntryEntity } from '../read-models/case-timeline-entry.entity';
import { type CaseTracks, emptyTracks, type PlacementTrack } from '../read-models/case-tracks';
import {
  type CaseViewKind,
  caseViewFor,
  fullyVisibleCasesCondition,
  SHELTER_DEADLINE_KINDS,
  visibleCasesCondition,
} from './case-access';

export interface CaseFilters {
  stage?: string;
  /** Any track the case is in now (case_summaries.active_tracks). */
  track?: string;
  /** With deadlineDueBefore: only deadlines of this kind; alone: an open deadline of this kind. */
  deadlineKind?: string;
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
    /** Only the entries recorded up to this instant (the timeline as of then, case-history.ts). */
    readonly asOf?: Date,
  ) {}
}

/** A case as the caller may see it: in full, or in the care view (shelter staff). */
export type CaseView = ReturnType<typeof toCaseView> | ReturnType<typeof toCareView>;
export type CaseListItem = ReturnType<typeof toCaseListItem> | ReturnType<typeof toCareListItem>;

/** Restricts any case query to what the actor may see, in either view (need to know, case-access.ts). */
export function visibleTo(query: SelectQueryBuilder<CaseSummaryEntity>, actor: Actor) {
  const visible = visibleCasesCondition(actor, 'c');
  return visible ? query.andWhere(visible.sql, visible.params) : query;
}

/** Restricts a case query to the cases the actor may see in full (the timeline: not the care view). */
function fullyVisibleTo(query: SelectQueryBuilder<CaseSummaryEntity>, actor: Actor) {
  const visible = fullyVisibleCasesCondition(actor, 'c');
  return visible ? query.andWhere(visible.sql, visible.params) : query;
}

export function viewOf(row: CaseSummaryEntity, actor: Actor): CaseViewKind {
  return caseViewFor(actor, {
    organisationId: row.organisationId,
    referredToOrganisationId: row.referredToOrganisationId,
  });
}

/** A case the caller may not see is answered exactly like one that does not exist. */
export function caseNotFound(caseId: string): NotFoundError {
  return new NotFoundError(`Case ${caseId} not found`);
}

/** An open deadline of a case, from the deadline board (the deadlines read model). */
export interface OpenDeadline {
  id: string;
  kind: string;
  dueAt: string;
  startedAt: string;
  overdue: boolean;
  responsibleOrganisationId: string;
  reference: string | null;
}

/** The next deadline of any kind: what a list shows. */
export type NextDeadline = Pick<OpenDeadline, 'kind' | 'dueAt' | 'overdue'>;

/**
 * The open deadlines of some cases, soonest first, from the deadline board; `onlyFor`, when given,
 * keeps those an organisation answers for as a shelter's operator (the care view).
 */
async function openDeadlinesOf(
  manager: EntityManager,
  caseIds: string[],
  now: Date,
  onlyFor: string | null,
): Promise<Map<string, OpenDeadline[]>> {
  const byCase = new Map<string, OpenDeadline[]>();
  if (caseIds.length === 0) return byCase;
  const rows: {
    deadline_id: string;
    case_id: string;
    kind: string;
    due_at: Date;
    started_at: Date;
    responsible_organisation_id: string;
    reference: string | null;
  }[] = await manager.query(
    `SELECT deadline_id, case_id, kind, due_at, started_at, responsible_organisation_id, reference
     FROM deadlines
     WHERE case_id = ANY($1::uuid[]) AND status = 'open'
       AND ($2::text IS NULL OR (responsible_organisation_id = $2 AND kind = ANY($3::text[])))
     ORDER BY due_at, deadline_id`,
    [caseIds, onlyFor, [...SHELTER_DEADLINE_KINDS]],
  );
  for (const row of rows) {
    const deadlines = byCase.get(row.case_id) ?? [];
    deadlines.push({
      id: row.deadline_id,
      kind: row.kind,
      dueAt: row.due_at.toISOString(),
      startedAt: row.started_at.toISOString(),
      overdue: row.due_at.getTime() <= now.getTime(),
      responsibleOrganisationId: row.responsible_organisation_id,
      reference: row.reference,
    });
    byCase.set(row.case_id, deadlines);
  }
  return byCase;
}

function nextOf(deadlines: OpenDeadline[] | undefined): NextDeadline | null {
  const next = deadlines?.[0];
  return next ? { kind: next.kind, dueAt: next.dueAt, overdue: next.overdue } : null;
}

/** The shelters an organisation operates (the care view shows only their placements). */
export async function sheltersOperatedBy(manager: EntityManager, organisationId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await manager.query(`SELECT id FROM shelters WHERE operator_org_id = $1`, [
    organisationId,
  ]);
  return new Set(rows.map((row) => row.id));
}

/** What a case's page adds to its summary row: its open deadlines; for the care view, the caller's shelters. */
export interface CaseContext {
  deadlines: OpenDeadline[];
  ownShelters: Set<string> | null;
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(
    @InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, actor }: GetCaseQuery): Promise<CaseView> {
    const found = await visibleTo(
      this.cases.createQueryBuilder('c').where('c.case_id = :caseId', { caseId }),
      actor,
    ).getOne();
    if (!found) throw caseNotFound(caseId);
    const full = viewOf(found, actor) === 'full';
    const deadlines = await openDeadlinesOf(
      this.cases.manager,
      [caseId],
      this.clock.now(),
      full ? null : actor.organisationId,
    );
    const context: CaseContext = {
      deadlines: deadlines.get(caseId) ?? [],
      ownShelters: full ? null : await sheltersOperatedBy(this.cases.manager, actor.organisationId),
    };
    return full ? toCaseView(found, context) : toCareView(found, context);
  }
}

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(
    @InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filters, actor }: ListCasesQuery) {
    const query = visibleTo(this.cases.createQueryBuilder('c').where('true'), actor);
    if (filters.stage) query.andWhere('c.stage = :stage', { stage: filters.stage });
    if (filters.track) query.andWhere(':track = ANY(c.active_tracks)', { track: filters.track });
    if (filters.status) query.andWhere('c.status = :status', { status: filters.status });
    // The owner and the deadlines are not in the care view: filtering on them matches only the cases
    // the caller sees in full, so a filter never reveals what the view leaves out.
    const full = fullyVisibleCasesCondition(actor, 'c');
    const inFull = (condition: string) => (full ? `(${condition} AND ${full.sql})` : condition);
    if (filters.organisationId) {
      query.andWhere(inFull('c.organisation_id = :org'), { ...full?.params, org: filters.organisationId });
    }
    if (filters.child !== undefined) query.andWhere('c.is_child = :child', { child: filters.child });
    if (filters.deadlineDueBefore || filters.deadlineKind) {
      // Any open deadline of any kind (or of the kind asked for), from the deadline board.
      const conditions = ['d.case_id = c.case_id', "d.status = 'open'"];
      if (filters.deadlineDueBefore) conditions.push('d.due_at < :due');
      if (filters.deadlineKind) conditions.push('d.kind = :deadlineKind');
      query.andWhere(inFull(`EXISTS (SELECT 1 FROM deadlines d WHERE ${conditions.join(' AND ')})`), {
        ...full?.params,
        due: filters.deadlineDueBefore,
        deadlineKind: filters.deadlineKind,
      });
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
    const fullRows = rows.filter((row) => viewOf(row, actor) === 'full');
    const deadlines = await openDeadlinesOf(
      this.cases.manager,
      fullRows.map((row) => row.caseId),
      this.clock.now(),
      null,
    );
    const ownShelters =
      fullRows.length < rows.length ? await sheltersOperatedBy(this.cases.manager, actor.organisationId) : null;
    return {
      items: rows.map((row) =>
        viewOf(row, actor) === 'full'
          ? toCaseListItem(row, nextOf(deadlines.get(row.caseId)))
          : toCareListItem(row, ownShelters ?? new Set()),
      ),
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

  async execute({ caseId, actor, asOf }: GetCaseTimelineQuery) {
    const visible = await fullyVisibleTo(
      this.cases.createQueryBuilder('c').where('c.case_id = :caseId', { caseId }),
      actor,
    )
      .select(['c.caseId', 'c.caseNumber'])
      .getOne();
    if (!visible) throw caseNotFound(caseId);
    const entries = await this.timeline.find({
      where: { caseId, ...(asOf && { occurredAt: LessThanOrEqual(asOf) }) },
      order: { globalPosition: 'ASC' },
    });
    // Nothing recorded yet then: the case did not exist (as GET /cases/{id}?asOf= answers).
    if (asOf && entries.length === 0) throw caseNotFound(caseId);
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

function toCaseListItem(row: CaseSummaryEntity, nextDeadline: NextDeadline | null) {
  const tracks = tracksOf(row);
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
    activeTracks: row.activeTracks,
    /** The next open deadline of any kind (the deadline board). */
    nextDeadline,
    placement: latestPlacement(tracks.placements),
  };
}

export function toCaseView(row: CaseSummaryEntity, context: CaseContext) {
  const tracks = tracksOf(row);
  return {
    ...toCaseListItem(row, nextOf(context.deadlines)),
    holder: { organisationId: row.organisationId, referredToOrganisationId: row.referredToOrganisationId },
    openDeadlines: context.deadlines,
    tracks: { ...tracks, placements: tracks.placements.map(placementView) },
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
function toCareListItem(row: CaseSummaryEntity, ownShelters: Set<string>) {
  const placements = tracksOf(row).placements.filter((placement) => ownShelters.has(placement.shelterId));
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
    placement: latestPlacement(placements),
  };
}

export function toCareView(row: CaseSummaryEntity, context: CaseContext) {
  const tracks = tracksOf(row);
  const ownShelters = context.ownShelters ?? new Set<string>();
  return {
    ...toCareListItem(row, ownShelters),
    /** Only what care needs: the placements at the caller's shelters, and a child's guardian. */
    tracks: {
      placements: tracks.placements.filter((p) => ownShelters.has(p.shelterId)).map(placementView),
      childProtection: tracks.childProtection,
    },
    /** The shelter deadlines the caller's organisation answers for. */
    openDeadlines: context.deadlines,
    nextDeadline: nextOf(context.deadlines),
    ageAtIdentification: row.ageAtIdentification,
    sex: row.sex,
    citizenship: row.citizenship,
    /** Name, date of birth or estimated age, languages. */
    person: row.person,
    urgentNeeds: row.urgentNeeds,
  };
}

/** Rows written before the tracks existed hold `{}` until a rebuild. */
function tracksOf(row: CaseSummaryEntity): CaseTracks {
  return { ...emptyTracks(), ...row.tracks };
}

/** A placement as the page shows it (without the projection's bookkeeping). */
function placementView({ shelterRevision: _revision, ...placement }: PlacementTrack) {
  return placement;
}

/** The latest placement's state and shelter: what a list shows. */
function latestPlacement(placements: PlacementTrack[]) {
  const latest = placements.at(-1);
  return latest ? { placementId: latest.placementId, state: latest.state, shelterName: latest.shelterName } : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
