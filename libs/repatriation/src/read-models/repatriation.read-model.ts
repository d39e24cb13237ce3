import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** How the repatriation context's events show in the case summary. */
export const repatriationSummaryRules: CaseSummaryRules = {};

/** How the repatriation context's events read on a case's timeline. */
export const repatriationTimeline: TimelineDescribers = {};
