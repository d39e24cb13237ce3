import type { EventTypeDefinition } from '@nrm/event-store';

/** How the shelter context's events are stored: schema version and which fields are personal data. */
export const SHELTER_EVENT_TYPES: Record<string, EventTypeDefinition> = {};
