import type {
  ReintegrationCompleted,
  ReintegrationPlanAdopted,
  ReintegrationReviewed,
  ReintegrationServiceDelivered,
} from '@nrm/case/domain';
import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** A review falls due at the start of its day (UTC). */
const dueAt = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * How the reintegration context's events show in the case summary: the plan moves the case to stage
 * reintegration; the next review is the case's next deadline until the plan is completed.
 */
export const reintegrationSummaryRules: CaseSummaryRules = {
  ReintegrationPlanAdopted: (event) => ({
    update: {
      stage: 'reintegration',
      nextDeadlineAt: dueAt((event.data as ReintegrationPlanAdopted['data']).nextReviewDue),
    },
  }),
  ReintegrationServiceDelivered: () => ({ update: {} }),
  ReintegrationReviewed: (event) => ({
    update: { nextDeadlineAt: dueAt((event.data as ReintegrationReviewed['data']).nextReviewDue) },
  }),
  ReintegrationCompleted: () => ({ update: { nextDeadlineAt: null } }),
};

/** How the reintegration context's events read on a case's timeline (no personal data). */
export const reintegrationTimeline: TimelineDescribers = {
  ReintegrationPlanAdopted: (event) => {
    const data = event.data as ReintegrationPlanAdopted['data'];
    const domains = [...new Set(data.goals.map((goal) => goal.domain))];
    return {
      summary:
        `Reintegration plan adopted with ${data.goals.length} goal(s) (${domains.join(', ')}); ` +
        `reviewed every ${data.reviewEveryDays} days, first review due ${data.nextReviewDue}.`,
      details: {
        goals: data.goals,
        reviewEveryDays: data.reviewEveryDays,
        adoptedOn: data.adoptedOn,
        nextReviewDue: data.nextReviewDue,
      },
    };
  },
  ReintegrationServiceDelivered: (event) => {
    const data = event.data as ReintegrationServiceDelivered['data'];
    return {
      summary: `Reintegration service (${data.domain}) delivered by ${data.providerOrgId} on ${data.deliveredOn}.`,
      details: {
        domain: data.domain,
        providerOrgId: data.providerOrgId,
        description: data.description,
        deliveredOn: data.deliveredOn,
      },
    };
  },
  ReintegrationReviewed: (event) => {
    const data = event.data as ReintegrationReviewed['data'];
    return {
      summary: `Reintegration plan reviewed on ${data.reviewedOn}: ${data.progress}; next review due ${data.nextReviewDue}.`,
      details: {
        reviewedOn: data.reviewedOn,
        progress: data.progress,
        notes: data.notes ?? null,
        nextReviewDue: data.nextReviewDue,
      },
    };
  },
  ReintegrationCompleted: (event) => {
    const data = event.data as ReintegrationCompleted['data'];
    return {
      summary: `Reintegration completed on ${data.completedOn}: ${data.outcome}.`,
      details: { completedOn: data.completedOn, outcome: data.outcome },
    };
  },
};
