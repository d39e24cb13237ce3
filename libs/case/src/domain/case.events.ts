import type { IdentificationEvent } from './events/identification.events';

/**
 * Every event of a case stream. The case stream is shared by the bounded contexts (identification,
 * referral, reflection period, shelter, repatriation, reintegration): its events are their common
 * language; each context's events are declared in events/<context>.events.ts.
 */
export type CaseEvent = IdentificationEvent;

export * from './events/identification.events';
