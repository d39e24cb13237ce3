import type { RepatriationEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the repatriation context's events are stored: schema version and which fields are personal
 * data (countries, dates, documents and risk levels are not).
 * Free-text notes and reasons may name or describe the person whatever the form says, so they are
 * personal data, encrypted under the case's own key (subject: the case id), which an erasure
 * destroys together with the person's.
 */
export const REPATRIATION_EVENT_TYPES: Record<RepatriationEvent['type'], EventTypeDefinition> = {
  RepatriationRequested: { schemaVersion: 1, personalFields: [] },
  RepatriationRiskAssessed: { schemaVersion: 1, personalFields: ['notes'], subjectField: 'caseId' },
  TravelDocumentsRecorded: { schemaVersion: 1, personalFields: [] },
  RepatriationScheduled: { schemaVersion: 1, personalFields: [] },
  RepatriationCompleted: { schemaVersion: 1, personalFields: [] },
  RepatriationCancelled: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'caseId' },
};
