import type { EventTypeDefinition } from '@nrm/event-store';

/** How the reintegration context's events are stored: schema version and which fields are personal data. */
export const REINTEGRATION_EVENT_TYPES: Record<string, EventTypeDefinition> = {};
