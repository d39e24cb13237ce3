import type { IdentificationEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/** How identification's events are stored: schema version and which fields are personal data. */
export const IDENTIFICATION_EVENT_TYPES: Record<IdentificationEvent['type'], EventTypeDefinition> = {
  CaseOpened: { schemaVersion: 1, personalFields: ['person', 'narrative'], subjectField: 'personId' },
  ReferralConsentRecorded: { schemaVersion: 1, personalFields: [] },
  ChildProtectionNotified: { schemaVersion: 1, personalFields: [] },
  GuardianAppointed: { schemaVersion: 1, personalFields: ['guardianName'], subjectField: 'personId' },
};
