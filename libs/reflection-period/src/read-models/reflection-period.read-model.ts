import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** How the reflection-period context's events show in the case summary. */
export const reflectionPeriodSummaryRules: CaseSummaryRules = {};

/** How the reflection-period context's events read on a case's timeline. */
export const reflectionPeriodTimeline: TimelineDescribers = {};
