import type { EventTypeDefinition } from '@nrm/event-store';

/** How the referral context's events are stored: schema version and which fields are personal data. */
export const REFERRAL_EVENT_TYPES: Record<string, EventTypeDefinition> = {};
