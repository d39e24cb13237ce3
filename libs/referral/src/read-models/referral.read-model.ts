import type {
  CaseReferred,
  StatusDecisionReviewRequested,
  VictimStatusGranted,
  VictimStatusRefused,
} from '@nrm/case/domain';
import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** How the referral context's events show in the case summary. */
export const referralSummaryRules: CaseSummaryRules = {
  CaseReferred: (event) => ({
    update: {
      stage: 'referral',
      referredToOrganisationId: (event.data as CaseReferred['data']).competentAuthorityOrgId,
    },
  }),
  VictimStatusGranted: () => ({ update: { status: 'victim' } }),
  VictimStatusRefused: () => ({ update: { status: 'not-a-victim' } }),
  StatusDecisionReviewRequested: () => ({ update: { status: 'presumed-victim' } }),
};

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
