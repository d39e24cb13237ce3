import type { ShelterEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the shelter context's events are stored: schema version and which fields are personal data.
 * The free-text reasons of a decline or a check-out may tell about the person: they are encrypted
 * with the person's key (the placement events carry `personId` for that).
 */
export const SHELTER_EVENT_TYPES: Record<ShelterEvent['type'], EventTypeDefinition> = {
  ShelterRegistered: { schemaVersion: 1, personalFields: [] },
  ShelterCapacityChanged: { schemaVersion: 1, personalFields: [] },
  PlacementRequested: { schemaVersion: 1, personalFields: [] },
  PlacementAccepted: { schemaVersion: 1, personalFields: [] },
  PlacementDeclined: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' },
  PlacementCheckedIn: { schemaVersion: 1, personalFields: [] },
  PlacementCheckedOut: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' },
  PlacementEndedByClosure: { schemaVersion: 1, personalFields: [] },
};
