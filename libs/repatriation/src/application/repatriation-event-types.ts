import type { EventTypeDefinition } from '@nrm/event-store';

/** How the repatriation context's events are stored: schema version and which fields are personal data. */
export const REPATRIATION_EVENT_TYPES: Record<string, EventTypeDefinition> = {};
