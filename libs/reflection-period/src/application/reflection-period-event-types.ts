import type { EventTypeDefinition } from '@nrm/event-store';

/** How the reflection-period context's events are stored: schema version and which fields are personal data. */
export const REFLECTION_PERIOD_EVENT_TYPES: Record<string, EventTypeDefinition> = {};
