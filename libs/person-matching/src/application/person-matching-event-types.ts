import type { EventTypeDefinition } from '@nrm/event-store';
import type { DuplicateAlertEvent } from '../domain/duplicate-alert.decider';

/** How the person-matching events are stored: case and person ids only, and a coordinator's reason. */
export const PERSON_MATCHING_EVENT_TYPES: Record<DuplicateAlertEvent['type'], EventTypeDefinition> = {
  DuplicatePersonLinked: { schemaVersion: 1, personalFields: [] },
  // The reason may describe the person: encrypted under the alerted case's key.
  DuplicateAlertDismissed: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'caseId' },
};
