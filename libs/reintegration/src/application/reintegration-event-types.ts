import type { ReintegrationEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the reintegration context's events are stored: schema version and which fields are personal
 * data. Goals, services and review notes are working notes about the plan, without the person's
 * particulars (the DTOs say so).
 */
export const REINTEGRATION_EVENT_TYPES: Record<ReintegrationEvent['type'], EventTypeDefinition> = {
  ReintegrationPlanAdopted: { schemaVersion: 1, personalFields: [] },
  ReintegrationServiceDelivered: { schemaVersion: 1, personalFields: [] },
  ReintegrationReviewed: { schemaVersion: 1, personalFields: [] },
  ReintegrationCompleted: { schemaVersion: 1, personalFields: [] },
};
