import type { CaseSummaryRules } from '../read-models/case-summaries.projection';
import type { TimelineDescribers } from '../read-models/case-timeline.projection';
import { identificationSummaryRules, identificationTimeline } from './identification/identification.read-rules';
import { caseLifecycleSummaryRules, caseLifecycleTimeline } from './lifecycle/case-lifecycle.read-rules';
import { referralSummaryRules, referralTimeline } from './referral/referral.read-rules';
import {
  reflectionPeriodSummaryRules,
  reflectionPeriodTimeline,
} from './reflection-period/reflection-period.read-rules';
import { reintegrationSummaryRules, reintegrationTimeline } from './reintegration/reintegration.read-rules';
import { repatriationSummaryRules, repatriationTimeline } from './repatriation/repatriation.read-rules';
import { IDENTIFICATION_EVENT_TYPES, type IdentificationEvent } from './identification/identification.events';
import { CASE_LIFECYCLE_EVENT_TYPES, type CaseLifecycleEvent } from './lifecycle/case-lifecycle.events';
import { REFERRAL_EVENT_TYPES, type ReferralEvent } from './referral/referral.events';
import {
  REFLECTION_PERIOD_EVENT_TYPES,
  type ReflectionPeriodEvent,
} from './reflection-period/reflection-period.events';
import { REINTEGRATION_EVENT_TYPES, type ReintegrationEvent } from './reintegration/reintegration.events';
import { REPATRIATION_EVENT_TYPES, type RepatriationEvent } from './repatriation/repatriation.events';

/**
 * The case aggregate: one stream per case (`case-<id>`), one state folded from it (case-state.ts),
 * and its tracks, each in a folder of its own with its events, state slice, decider and read rules.
 * A track is a part of the one aggregate, not an aggregate: every decider folds the whole stream.
 */
export type CaseEvent =
  | IdentificationEvent
  | ReferralEvent
  | ReflectionPeriodEvent
  | RepatriationEvent
  | ReintegrationEvent
  | CaseLifecycleEvent;

/** How every event of a case stream is stored (schema version, personal fields, subject, upcasters). */
export const CASE_EVENT_TYPES = {
  ...IDENTIFICATION_EVENT_TYPES,
  ...REFERRAL_EVENT_TYPES,
  ...REFLECTION_PERIOD_EVENT_TYPES,
  ...REPATRIATION_EVENT_TYPES,
  ...REINTEGRATION_EVENT_TYPES,
  ...CASE_LIFECYCLE_EVENT_TYPES,
};

export * from './case-state';
export * from './identification/identification.events';
export * from './identification/identification.decider';
export * from './identification/identification.read-rules';
export * from './identification/indicator-catalogue/indicator-catalogue';
export * from './identification/indicator-catalogue/screening';
export type { PersonToIndex } from './identification/person-index';
export * from './referral/referral.events';
export * from './referral/referral.state';
export * from './referral/referral.decider';
export * from './referral/referral.read-rules';
export * from './reflection-period/reflection-period.events';
export * from './reflection-period/reflection-period.state';
export * from './reflection-period/reflection-period.decider';
export * from './reflection-period/reflection-period.read-rules';
export * from './repatriation/repatriation.events';
export * from './repatriation/repatriation.state';
export * from './repatriation/repatriation.decider';
export * from './repatriation/repatriation.read-rules';
export * from './reintegration/reintegration.events';
export * from './reintegration/reintegration.state';
export * from './reintegration/reintegration.decider';
export * from './reintegration/reintegration.read-rules';
export * from './lifecycle/case-lifecycle.events';
export * from './lifecycle/case-lifecycle.state';
export * from './lifecycle/case-lifecycle.decider';
export * from './lifecycle/case-lifecycle.read-rules';

/** How every event of a case stream shows in the case summary. */
export const caseSummaryRules: CaseSummaryRules<CaseEvent> = {
  ...identificationSummaryRules,
  ...referralSummaryRules,
  ...reflectionPeriodSummaryRules,
  ...repatriationSummaryRules,
  ...reintegrationSummaryRules,
  ...caseLifecycleSummaryRules,
};

/** How every event of a case stream reads on the case's timeline. */
export const caseTimelineRules: TimelineDescribers<CaseEvent> = {
  ...identificationTimeline,
  ...referralTimeline,
  ...reflectionPeriodTimeline,
  ...repatriationTimeline,
  ...reintegrationTimeline,
  ...caseLifecycleTimeline,
};
