import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import type { CaseOpened, ReferralConsentRecorded } from '../domain/case.events';
import { CaseTimelineEntryEntity } from './case-timeline-entry.entity';
import { caseIdOfStream } from './case-streams';

export const CASE_TIMELINE_PROJECTION = 'case-timeline';

type Describe = (event: DecodedEvent) => { summary: string; details: Record<string, unknown> };

/**
 * How each event reads on a case's timeline. Summaries carry no personal data: the timeline
 * stays readable after an erasure.
 */
const describers: Record<string, Describe> = {
  CaseOpened: (event) => {
    const data = event.data as CaseOpened['data'];
    const where = [data.identification.place, data.identification.region, data.identification.country]
      .filter(Boolean)
      .join(', ');
    return {
      summary:
        `Case ${data.caseNumber} opened: ${data.isChild ? 'a child' : 'an adult'} presumed victim identified ` +
        `at ${where} on ${data.identification.identifiedAt}; exploitation: ${data.exploitationTypes.join(', ') || 'not stated'}; ` +
        `${data.indicators.codes.length} indicator(s) observed; consent to referral ${data.consentToReferral ? 'given' : 'not given'}.`,
      details: {
        caseNumber: data.caseNumber,
        identification: data.identification,
        exploitationTypes: data.exploitationTypes,
        indicators: data.indicators,
        urgentNeeds: data.urgentNeeds,
        consentToReferral: data.consentToReferral,
        isChild: data.isChild,
      },
    };
  },
  ReferralConsentRecorded: (event) => {
    const data = event.data as ReferralConsentRecorded['data'];
    return {
      summary: data.consentToReferral ? 'Consent to referral given.' : 'Consent to referral withdrawn.',
      details: { consentToReferral: data.consentToReferral },
    };
  },
};

export class CaseTimelineProjection implements Projection {
  readonly name = CASE_TIMELINE_PROJECTION;
  readonly tables = ['case_timeline_entries'];

  handles(eventType: string): boolean {
    return eventType in describers;
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    const entries = events.flatMap((event) => {
      const caseId = caseIdOfStream(event.streamName);
      if (caseId === null) return [];
      const { summary, details } = describers[event.type](event);
      return [
        {
          caseId,
          revision: event.revision,
          globalPosition: event.globalPosition,
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
    if (entries.length === 0) return;
    // One statement for the batch; an entry already there (a replay) is left as it is.
    await manager.createQueryBuilder().insert().into(CaseTimelineEntryEntity).values(entries).orIgnore().execute();
  }
}
