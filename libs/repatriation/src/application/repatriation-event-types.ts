import type { RepatriationEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the repatriation context's events are stored: schema version and which fields are personal
 * data. None carries the person's particulars (notes and reasons are working notes about the case).
 */
export const REPATRIATION_EVENT_TYPES: Record<RepatriationEvent['type'], EventTypeDefinition> = {
  RepatriationRequested: { schemaVersion: 1, personalFields: [] },
  RepatriationRiskAssessed: { schemaVersion: 1, personalFields: [] },
  TravelDocumentsRecorded: { schemaVersion: 1, personalFields: [] },
  RepatriationScheduled: { schemaVersion: 1, personalFields: [] },
  RepatriationCompleted: { schemaVersion: 1, personalFields: [] },
  RepatriationCancelled: { schemaVersion: 1, personalFields: [] },
};
