import type { CaseLifecycleEvent } from './events/case-lifecycle.events';
import type { IdentificationEvent } from './events/identification.events';
import type { ReferralEvent } from './events/referral.events';
import type { ReflectionPeriodEvent } from './events/reflection-period.events';
import type { ReintegrationEvent } from './events/reintegration.events';
import type { RepatriationEvent } from './events/repatriation.events';
import type { ShelterEvent } from './events/shelter.events';

/**
 * Every event of a case stream. The case stream is shared by the bounded contexts: its events are
 * their common language; each context declares its own in events/<context>.events.ts.
 * (Shelter events live on shelter streams, but name the case they concern.)
 */
export type CaseEvent =
  | IdentificationEvent
  | ReferralEvent
  | ReflectionPeriodEvent
  | RepatriationEvent
  | ReintegrationEvent
  | CaseLifecycleEvent;

export type { ShelterEvent };

export * from './events/case-lifecycle.events';
export * from './events/identification.events';
export * from './events/referral.events';
export * from './events/reflection-period.events';
export * from './events/reintegration.events';
export * from './events/repatriation.events';
export * from './events/shelter.events';
