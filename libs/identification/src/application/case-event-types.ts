import type { EventTypeDefinition } from '@nrm/event-store';
import type { CaseEvent } from '../domain/case.events';

/** How each case event is stored: its schema version and which fields are personal data. */
export const CASE_EVENT_TYPES: Record<CaseEvent['type'], EventTypeDefinition> = {
  CaseOpened: { schemaVersion: 1, personalFields: ['person', 'narrative'], subjectField: 'personId' },
  ReferralConsentRecorded: { schemaVersion: 1, personalFields: [] },
};
