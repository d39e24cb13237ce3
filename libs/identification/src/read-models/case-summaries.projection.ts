import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import type { CaseOpened, ReferralConsentRecorded } from '../domain/case.events';
import { CaseSummaryEntity } from './case-summary.entity';

export const CASE_SUMMARIES_PROJECTION = 'case-summaries';

export class CaseSummariesProjection implements Projection {
  readonly name = CASE_SUMMARIES_PROJECTION;
  readonly tables = ['case_summaries'];

  handles(eventType: string): boolean {
    return eventType === 'CaseOpened' || eventType === 'ReferralConsentRecorded';
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    // Every case opened in the batch in one statement; a case's later events follow its opening
    // in the stream, so applying them afterwards, in order, keeps each case's history in order.
    const opened = events.filter((event) => event.type === 'CaseOpened');
    if (opened.length > 0) await this.insertOpened(opened, manager);
    for (const event of events) {
      if (event.type !== 'ReferralConsentRecorded') continue;
      const data = event.data as ReferralConsentRecorded['data'];
      await this.update(manager, data.caseId, event, { consentToReferral: data.consentToReferral });
    }
  }

  /** Applies a change only when the event is newer than the row: replays change nothing. */
  private async update(
    manager: EntityManager,
    caseId: string,
    event: DecodedEvent,
    change: Partial<CaseSummaryEntity>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(CaseSummaryEntity)
      .set({ ...change, revision: event.revision, updatedAt: new Date(event.metadata.occurredAt) })
      .where('case_id = :caseId AND revision < :revision', { caseId, revision: event.revision.toString() })
      .execute();
  }

  private async insertOpened(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    // Insert-or-ignore: a case is opened once; replaying its first event changes nothing.
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseSummaryEntity)
      .values(
        events.map((event) => {
          const data = event.data as CaseOpened['data'];
          return {
            caseId: data.caseId,
            caseNumber: data.caseNumber,
            revision: event.revision,
            stage: 'identification',
            status: 'presumed-victim',
            organisationId: data.openingOrganisationId,
            openingOrganisationType: data.openingOrganisationType,
            personId: data.personId,
            person: event.personalDataErased ? null : data.person,
            personalDataErased: event.personalDataErased,
            sex: data.sex,
            ageAtIdentification: data.ageAtIdentification,
            isChild: data.isChild,
            citizenship: data.citizenship,
            identification: data.identification,
            exploitationTypes: data.exploitationTypes,
            indicatorCatalogueVersion: data.indicators.catalogueVersion,
            indicatorCodes: data.indicators.codes,
            urgentNeeds: data.urgentNeeds,
            consentToReferral: data.consentToReferral,
            narrative: event.personalDataErased ? null : (data.narrative ?? null),
            nextDeadlineAt: null,
            openedAt: new Date(event.metadata.occurredAt),
            openedBy: {
              userId: event.metadata.actorId,
              name: event.metadata.actorName,
              organisationId: event.metadata.organisationId,
            },
            updatedAt: new Date(event.metadata.occurredAt),
          };
        }),
      )
      .orIgnore()
      .execute();
  }
}
