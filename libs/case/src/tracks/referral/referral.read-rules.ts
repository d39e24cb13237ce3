import { fieldsOf } from '../../read-models/read-rules';
import type { ReferralEvent } from './referral.events';
import type { CaseSummaryRules } from '../../read-models/case-summaries.projection';
import type { StatusDecisionTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

/**
 * How the referral context's events show in the case summary: the referral and the status decision
 * tracks (a decision awaited from the referral on; the latest decision, its reasons and its review).
 */
export const referralSummaryRules: CaseSummaryRules<ReferralEvent> = {
  CaseReferred: ({ data }) => ({
    update: { referredToOrganisationId: data.competentAuthorityOrgId },
    tracks: (tracks) => ({
      ...tracks,
      referral: { competentAuthorityOrgId: data.competentAuthorityOrgId, referredAt: data.referredAt },
      statusDecision: tracks.statusDecision ?? {
        state: 'pending',
        decisionNumber: null,
        decidedOn: null,
        reasons: [],
        review: null,
      },
    }),
  }),
  VictimStatusGranted: ({ data }) => ({
    update: { status: 'victim' },
    tracks: (tracks) => ({
      ...tracks,
      statusDecision: decided(tracks.statusDecision, 'granted', data.decisionNumber, data.decidedOn, []),
    }),
  }),
  VictimStatusRefused: ({ data }) => ({
    update: { status: 'not-a-victim' },
    tracks: (tracks) => ({
      ...tracks,
      statusDecision: decided(
        tracks.statusDecision,
        'refused',
        data.decisionNumber ?? null,
        data.decidedOn,
        data.reasons,
      ),
    }),
  }),
  StatusDecisionReviewRequested: ({ data }) => ({
    update: { status: 'presumed-victim' },
    tracks: (tracks) => ({
      ...tracks,
      statusDecision: tracks.statusDecision && {
        ...tracks.statusDecision,
        review: { requestedAt: data.requestedAt, pending: true },
      },
    }),
  }),
};

/** A decision: the latest one shows; a review it answers is no longer pending. */
function decided(
  before: StatusDecisionTrack | null,
  state: 'granted' | 'refused',
  decisionNumber: string | null,
  decidedOn: string,
  reasons: string[],
): StatusDecisionTrack {
  const review = before?.review ? { ...before.review, pending: false } : null;
  return { state, decisionNumber, decidedOn, reasons, review };
}

/** How the referral context's events read on a case's timeline. */
export const referralTimeline: TimelineDescribers<ReferralEvent> = {
  CaseReferred: ({ data }) => ({
    summary: `Referred to the competent authority (${data.competentAuthorityOrgId}).`,
    details: fieldsOf(data, 'competentAuthorityOrgId', 'referredAt', 'note'),
  }),
  VictimStatusGranted: ({ data }) => ({
    summary: `Victim status granted: decision ${data.decisionNumber} of ${data.decidedOn}.`,
    details: fieldsOf(data, 'decisionNumber', 'decidedOn'),
  }),
  VictimStatusRefused: ({ data }) => {
    const count = data.reasons.length;
    return {
      summary:
        `Victim status refused (${count} reason${count === 1 ? '' : 's'}). ` +
        (data.decisionNumber === undefined
          ? `Decided on ${data.decidedOn}.`
          : `Decision ${data.decisionNumber} of ${data.decidedOn}.`),
      details: fieldsOf(data, 'reasons', 'decidedOn', 'decisionNumber'),
    };
  },
  StatusDecisionReviewRequested: ({ data }) => ({
    summary: 'Review of the refusal requested.',
    details: fieldsOf(data, 'reason', 'requestedAt'),
  }),
};
