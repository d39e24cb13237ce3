import type { ReflectionPeriodEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the reflection-period context's events are stored: schema version and which fields are
 * personal data (dates, lengths and outcomes are not).
 * Free-text notes and reasons may name or describe the person whatever the form says, so they are
 * personal data, encrypted under the case's own key (subject: the case id), which an erasure
 * destroys together with the person's.
 */
export const REFLECTION_PERIOD_EVENT_TYPES: Record<ReflectionPeriodEvent['type'], EventTypeDefinition> = {
  ReflectionPeriodStarted: { schemaVersion: 1, personalFields: [] },
  ReflectionPeriodExtended: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'caseId' },
  ReflectionPeriodEnded: { schemaVersion: 1, personalFields: ['note'], subjectField: 'caseId' },
  ReflectionPeriodExpired: { schemaVersion: 1, personalFields: [] },
};
