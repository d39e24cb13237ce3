import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { DomainEvent } from '@nrm/shared-kernel';
import type { EntityManager } from 'typeorm';
import { CaseTimelineEntryEntity } from './case-timeline-entry.entity';
import { caseIdOfStream } from '../domain/case-stream';
import { type AnyReadRules, readBy, type ReadRules } from './read-rules';

export const CASE_TIMELINE_PROJECTION = 'case-timeline';

/** How an event reads on a case's timeline: a sentence and the non-personal facts behind it. */
export type TimelineDescription = { summary: string; details: Record<string, unknown> };

/**
 * How each of a set of events reads on the timeline: a describer for every event type of the set, or
 * `noTimelineEntry`. Summaries carry no personal data, so the timeline stays readable after an
 * erasure; a personal field shown in the details keeps its event field's name, so that the erasure
 * can take it out (see PersonalFieldsByEventType).
 */
export type TimelineDescribers<Event extends DomainEvent> = ReadRules<Event, TimelineDescription | null>;

/** The describer of an event that has no entry of its own on the timeline. */
export const noTimelineEntry = (): null => null;

/** The personal fields of each event type (from the event-type definitions). */
export type PersonalFieldsByEventType = Record<string, readonly string[]>;

export class CaseTimelineProjection implements Projection {
  readonly name = CASE_TIMELINE_PROJECTION;
  readonly tables = ['case_timeline_entries'];

  constructor(
    private readonly describers: AnyReadRules<TimelineDescription | null>,
    private readonly personalFields: PersonalFieldsByEventType = {},
  ) {}

  handles(eventType: string): boolean {
    return eventType in this.describers;
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    const entries = events.flatMap((event) => {
      const caseId = caseOf(event);
      const description = caseId === null ? null : readBy(this.describers, event);
      if (caseId === null || description === null) return [];
      const { summary, details } = description;
      return [
        {
          caseId,
          revision: event.revision,
          globalPosition: event.globalPosition,
          streamName: event.streamName,
          eventType: event.type,
          summary,
          // A jsonb column: TypeORM's deep-partial insert type cannot describe an open record.
          details: details as object,
          actorId: event.metadata.actorId,
          actorName: event.metadata.actorName ?? null,
          organisationId: event.metadata.organisationId,
          organisationType: event.metadata.organisationType ?? null,
          occurredAt: new Date(event.metadata.occurredAt),
        },
      ];
    });
    if (entries.length > 0) {
      // One statement for the batch; an entry already there (a replay) is left as it is.
      await manager.createQueryBuilder().insert().into(CaseTimelineEntryEntity).values(entries).orIgnore().execute();
    }
    for (const event of events) {
      const caseId = event.type === 'PersonalDataErased' ? caseOf(event) : null;
      if (caseId !== null) await this.erasePersonalDetails(caseId, manager);
    }
  }

  /**
   * Erasure: the entries keep their event, who and when, and lose the personal fields shown in their
   * details (a rebuild reads those fields as erased, so it writes the same).
   */
  private async erasePersonalDetails(caseId: string, manager: EntityManager): Promise<void> {
    for (const [eventType, fields] of Object.entries(this.personalFields)) {
      if (fields.length === 0) continue;
      await manager.query(
        `UPDATE case_timeline_entries SET details = details - $3::text[]
          WHERE case_id = $1 AND event_type = $2 AND details ?| $3::text[]`,
        [caseId, eventType, fields],
      );
    }
  }
}

/** The case an event concerns: its own stream's, or the `caseId` an event of another stream names. */
function caseOf(event: DecodedEvent): string | null {
  const named = (event.data as { caseId?: unknown }).caseId;
  return caseIdOfStream(event.streamName) ?? (typeof named === 'string' ? named : null);
}
