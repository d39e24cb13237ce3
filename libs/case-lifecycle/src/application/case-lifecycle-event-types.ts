import type { EventTypeDefinition } from '@nrm/event-store';

/** How the case-lifecycle context's events are stored: schema version and which fields are personal data. */
export const CASE_LIFECYCLE_EVENT_TYPES: Record<string, EventTypeDefinition> = {};
