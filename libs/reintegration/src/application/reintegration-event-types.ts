import type { ReintegrationEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the reintegration context's events are stored: schema version and which fields are personal
 * data. The plan's goals (domains the rules check) stay readable; the DTOs ask that they do not
 * describe the person.
 * Free-text notes and reasons may name or describe the person whatever the form says, so they are
 * personal data, encrypted under the case's own key (subject: the case id), which an erasure
 * destroys together with the person's.
 */
export const REINTEGRATION_EVENT_TYPES: Record<ReintegrationEvent['type'], EventTypeDefinition> = {
  ReintegrationPlanAdopted: { schemaVersion: 1, personalFields: [] },
  ReintegrationServiceDelivered: { schemaVersion: 1, personalFields: ['description'], subjectField: 'caseId' },
  ReintegrationReviewed: { schemaVersion: 1, personalFields: ['notes'], subjectField: 'caseId' },
  ReintegrationCompleted: { schemaVersion: 1, personalFields: [] },
};
