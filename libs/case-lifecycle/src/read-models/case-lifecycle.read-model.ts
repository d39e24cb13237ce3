import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** How the case-lifecycle context's events show in the case summary. */
export const caseLifecycleSummaryRules: CaseSummaryRules = {};

/** How the case-lifecycle context's events read on a case's timeline. */
export const caseLifecycleTimeline: TimelineDescribers = {};
