import type {
  CaseReferred,
  StatusDecisionReviewRequested,
  VictimStatusGranted,
  VictimStatusRefused,
} from './referral.events';
import type { CaseSummaryRules } from '../../read-models/case-summaries.projection';
import type { StatusDecisionTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

/**
 * How the referral context's events show in the case summary: the referral and the status decision
 * tracks (a decision awaited from the referral on; the latest decision, its reasons and its review).
 */
export const referralSummaryRules: CaseSummaryRules = {
  CaseReferred: (event) => {
    const data = event.data as CaseReferred['data'];
    return {
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
    };
  },
  VictimStatusGranted: (event) => {
    const data = event.data as VictimStatusGranted['data'];
    return {
      update: { status: 'victim' },
      tracks: (tracks) => ({
        ...tracks,
        statusDecision: decided(tracks.statusDecision, 'granted', data.decisionNumber, data.decidedOn, []),
      }),
    };
  },
  VictimStatusRefused: (event) => {
    const data = event.data as VictimStatusRefused['data'];
    return {
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
    };
  },
  StatusDecisionReviewRequested: (event) => {
    const data = event.data as StatusDecisionReviewRequested['data'];
    return {
      update: { status: 'presumed-victim' },
      tracks: (tracks) => ({
        ...tracks,
        statusDecision: tracks.statusDecision && {
          ...tracks.statusDecision,
          review: { requestedAt: data.requestedAt, pending: true },
        },
      }),
    };
  },
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
export const referralTimeline: TimelineDescribers = {
  CaseReferred: (event) => {
    const data = event.data as CaseReferred['data'];
    return {
      summary: `Referred to the competent authority (${data.competentAuthorityOrgId}).`,
      details: {
        competentAuthorityOrgId: data.competentAuthorityOrgId,
        referredAt: data.referredAt,
        ...(data.note === undefined ? {} : { note: data.note }),
      },
    };
  },
  VictimStatusGranted: (event) => {
    const data = event.data as VictimStatusGranted['data'];
    return {
      summary: `Victim status granted: decision ${data.decisionNumber} of ${data.decidedOn}.`,
      details: { decisionNumber: data.decisionNumber, decidedOn: data.decidedOn },
    };
  },
  VictimStatusRefused: (event) => {
    const data = event.data as VictimStatusRefused['data'];
    const count = data.reasons.length;
    return {
      summary:
        `Victim status refused (${count} reason${count === 1 ? '' : 's'}). ` +
        (data.decisionNumber === undefined
          ? `Decided on ${data.decidedOn}.`
          : `Decision ${data.decisionNumber} of ${data.decidedOn}.`),
      details: {
        reasons: data.reasons,
        decidedOn: data.decidedOn,
        ...(data.decisionNumber === undefined ? {} : { decisionNumber: data.decisionNumber }),
      },
    };
  },
  StatusDecisionReviewRequested: (event) => {
    const data = event.data as StatusDecisionReviewRequested['data'];
    return {
      summary: 'Review of the refusal requested.',
      details: { reason: data.reason, requestedAt: data.requestedAt },
    };
  },
};
