import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import type { CaseOpened } from '../domain/case.events';
import { CaseSummaryEntity } from './case-summary.entity';

export const CASE_SUMMARIES_PROJECTION = 'case-summaries';

export class CaseSummariesProjection implements Projection {
  readonly name = CASE_SUMMARIES_PROJECTION;
  readonly tables = ['case_summaries'];

  handles(eventType: string): boolean {
    return eventType === 'CaseOpened';
  }

  async apply(event: DecodedEvent, manager: EntityManager): Promise<void> {
    const data = event.data as CaseOpened['data'];
    // Insert-or-ignore: a case is opened once; replaying its first event changes nothing.
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseSummaryEntity)
      .values({
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
      })
      .orIgnore()
      .execute();
  }
}
