import type { ReflectionPeriodEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the reflection-period context's events are stored: schema version and which fields are
 * personal data (none: dates, lengths, outcomes and working notes without personal data).
 */
export const REFLECTION_PERIOD_EVENT_TYPES: Record<ReflectionPeriodEvent['type'], EventTypeDefinition> = {
  ReflectionPeriodStarted: { schemaVersion: 1, personalFields: [] },
  ReflectionPeriodExtended: { schemaVersion: 1, personalFields: [] },
  ReflectionPeriodEnded: { schemaVersion: 1, personalFields: [] },
  ReflectionPeriodExpired: { schemaVersion: 1, personalFields: [] },
};
