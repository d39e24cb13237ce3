import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** How the referral context's events show in the case summary. */
export const referralSummaryRules: CaseSummaryRules = {};

/** How the referral context's events read on a case's timeline. */
export const referralTimeline: TimelineDescribers = {};
