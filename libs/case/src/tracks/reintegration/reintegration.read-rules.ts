import { fieldsOf } from '../../read-models/read-rules';
import type { ReintegrationEvent } from './reintegration.events';
import type { CaseSummaryRules, TracksChange } from '../../read-models/case-summaries.projection';
import { goalsOf, type ReintegrationTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

/** A review falls due at the start of its day (UTC). */
const dueAt = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * How the reintegration context's events show in the case summary: the plan's track (goals by
 * domain, services, last and next review); the next review is `nextDeadlineAt` until completion.
 */
export const reintegrationSummaryRules: CaseSummaryRules<ReintegrationEvent> = {
  ReintegrationPlanAdopted: ({ data }) => ({
    update: { nextDeadlineAt: dueAt(data.nextReviewDue) },
    tracks: (tracks) => ({
      ...tracks,
      reintegration: {
        state: 'active',
        adoptedOn: data.adoptedOn,
        reviewEveryDays: data.reviewEveryDays,
        goals: goalsOf(data.goals),
        services: [],
        lastReview: null,
        nextReviewDue: data.nextReviewDue,
        completedOn: null,
        outcome: null,
      },
    }),
  }),
  ReintegrationServiceDelivered: (event) => {
    // The description is personal data: the timeline shows it, the track does not.
    const { data } = event;
    const service = { domain: data.domain, providerOrgId: data.providerOrgId, deliveredOn: data.deliveredOn };
    return { update: {}, tracks: ofPlan((plan) => ({ ...plan, services: [...plan.services, service] })) };
  },
  ReintegrationReviewed: ({ data }) => ({
    update: { nextDeadlineAt: dueAt(data.nextReviewDue) },
    tracks: ofPlan((plan) => ({
      ...plan,
      lastReview: { reviewedOn: data.reviewedOn, progress: data.progress },
      nextReviewDue: data.nextReviewDue,
    })),
  }),
  ReintegrationCompleted: ({ data }) => ({
    update: { nextDeadlineAt: null },
    tracks: ofPlan((plan) => ({
      ...plan,
      state: 'completed',
      nextReviewDue: null,
      completedOn: data.completedOn,
      outcome: data.outcome,
    })),
  }),
};

function ofPlan(change: (plan: ReintegrationTrack) => ReintegrationTrack): TracksChange {
  return (tracks) => (tracks.reintegration ? { ...tracks, reintegration: change(tracks.reintegration) } : tracks);
}

/** How the reintegration context's events read on a case's timeline (no personal data). */
export const reintegrationTimeline: TimelineDescribers<ReintegrationEvent> = {
  ReintegrationPlanAdopted: ({ data }) => {
    const domains = [...new Set(data.goals.map((goal) => goal.domain))];
    return {
      summary:
        `Reintegration plan adopted with ${data.goals.length} goal(s) (${domains.join(', ')}); ` +
        `reviewed every ${data.reviewEveryDays} days, first review due ${data.nextReviewDue}.`,
      details: fieldsOf(data, 'goals', 'reviewEveryDays', 'adoptedOn', 'nextReviewDue'),
    };
  },
  ReintegrationServiceDelivered: ({ data }) => ({
    summary: `Reintegration service (${data.domain}) delivered by ${data.providerOrgId} on ${data.deliveredOn}.`,
    details: fieldsOf(data, 'domain', 'providerOrgId', 'description', 'deliveredOn'),
  }),
  ReintegrationReviewed: ({ data }) => ({
    summary: `Reintegration plan reviewed on ${data.reviewedOn}: ${data.progress}; next review due ${data.nextReviewDue}.`,
    details: {
      reviewedOn: data.reviewedOn,
      progress: data.progress,
      notes: data.notes ?? null,
      nextReviewDue: data.nextReviewDue,
    },
  }),
  ReintegrationCompleted: ({ data }) => ({
    summary: `Reintegration completed on ${data.completedOn}: ${data.outcome}.`,
    details: fieldsOf(data, 'completedOn', 'outcome'),
  }),
};
