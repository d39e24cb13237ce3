import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { type DecodedEvent, EVENT_STORE, EventCodec, type EventStore, type RecordedEvent } from '@nrm/event-store';
import type { Actor } from '@nrm/shared-kernel';
import { Repository } from 'typeorm';
import { caseStreamName } from '../domain/case-stream';
import { type CaseSummaryChange, summariseCase } from '../read-models/case-summaries.projection';
import type { AnyReadRules } from '../read-models/read-rules';
import { CaseSummaryEntity } from '../read-models/case-summary.entity';
import { emptyTracks } from '../read-models/case-tracks';
import {
  type CaseContext,
  caseNotFound,
  sheltersOperatedBy,
  toCareView,
  toCaseView,
  viewOf,
  visibleTo,
} from './case-queries';

/**
 * The case as of any moment (README "The case as of any moment").
 *
 * Known when: an event counts from the moment the system recorded it, its `metadata.occurredAt` (the
 * injected clock of the process that took the command; the store commits it milliseconds later). What
 * happened when is the event's own dates (decidedOn, identifiedAt, checkedInAt…), shown as they were
 * entered: a decision taken last week and recorded today is absent from the page as of yesterday, and
 * present as of today with last week's decidedOn.
 *
 * Need to know: the reader must be allowed to see the case now (else 404, as for any case), and sees
 * the past state through the view its roles give now (full, or the care view of its own shelters).
 * Erasure: events are decoded with today's keys, so data erased since is erased in the past too.
 */

/** Nest token of the summary rules of every context (the projection's own), given by the composition. */
export const CASE_SUMMARY_RULES = Symbol('CASE_SUMMARY_RULES');

/** Shelter streams (libs/shelter's `shelterStreamName`; libs/case may not import libs/shelter). */
const shelterStreamOf = (shelterId: string) => `shelter-${shelterId}`;

export class GetCaseAsOfQuery {
  constructor(
    readonly caseId: string,
    readonly asOf: Date,
    readonly actor: Actor,
  ) {}
}

/** A past page: the case view of then, without the deadline board (kept live only, it has no past). */
export type CaseAsOfView = AsOf<ReturnType<typeof toCaseView>> | AsOf<ReturnType<typeof toCareView>>;
type AsOf<View> = Omit<View, 'openDeadlines' | 'nextDeadline'> & {
  asOf: string;
  openDeadlines: null;
  nextDeadline: null;
};

@QueryHandler(GetCaseAsOfQuery)
export class GetCaseAsOfHandler implements IQueryHandler<GetCaseAsOfQuery, CaseAsOfView> {
  constructor(
    @InjectRepository(CaseSummaryEntity) private readonly cases: Repository<CaseSummaryEntity>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    @Inject(CASE_SUMMARY_RULES) private readonly rules: AnyReadRules<CaseSummaryChange>,
  ) {}

  async execute({ caseId, asOf, actor }: GetCaseAsOfQuery): Promise<CaseAsOfView> {
    const current = await visibleTo(
      this.cases.createQueryBuilder('c').where('c.case_id = :caseId', { caseId }),
      actor,
    ).getOne();
    if (!current) throw caseNotFound(caseId);
    const then = summariseCase(this.rules, caseId, await this.eventsKnownBy(current, asOf));
    // Not yet recorded then: as for a case that does not exist.
    if (!then) throw caseNotFound(caseId);
    const full = viewOf(current, actor) === 'full';
    const context: CaseContext = {
      deadlines: [],
      ownShelters: full ? null : await sheltersOperatedBy(this.cases.manager, actor.organisationId),
    };
    const view = full ? toCaseView(then, context) : toCareView(then, context);
    return { ...view, asOf: asOf.toISOString(), openDeadlines: null, nextDeadline: null };
  }

  /**
   * The events the summary folds, recorded up to `asOf`, in global order: the case stream's, and the
   * placement events of the shelters the case was ever placed at (every placement stays in its tracks).
   */
  private async eventsKnownBy(current: CaseSummaryEntity, asOf: Date): Promise<DecodedEvent[]> {
    const knownBy = (event: RecordedEvent) => new Date(event.metadata.occurredAt).getTime() <= asOf.getTime();
    const ofCase = (await this.store.readStream(caseStreamName(current.caseId))).events.filter(knownBy);
    const shelters = new Set({ ...emptyTracks(), ...current.tracks }.placements.map((p) => p.shelterId));
    const placements: RecordedEvent[] = [];
    for (const shelterId of shelters) {
      const { events } = await this.store.readStream(shelterStreamOf(shelterId));
      // Only this case's placement events are decoded: never another person's data.
      placements.push(...events.filter((event) => event.data.caseId === current.caseId && knownBy(event)));
    }
    const events = [...ofCase, ...placements].sort((a, b) =>
      a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0,
    );
    return this.codec.decodeAll(events);
  }
}
