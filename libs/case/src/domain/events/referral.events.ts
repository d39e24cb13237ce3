import type { DomainEvent } from '@nrm/shared-kernel';

/**
 * Events of the referral context on the case stream (DESIGN §3.2): the presumed victim is referred to
 * the competent authority, which grants or refuses victim status; a refusal can be reviewed.
 * Free-text notes and reasons are personal data (encrypted under the case's key); the refusal's
 * legal grounds are not.
 */

/** The presumed victim was referred to the competent authority. */
export type CaseReferred = DomainEvent<
  'CaseReferred',
  {
    caseId: string;
    /** The organisation of the competent authority the case was referred to. */
    competentAuthorityOrgId: string;
    /** When the referral was made (ISO 8601, from the clock). */
    referredAt: string;
    /** A working note for the authority; personal data (free text). */
    note?: string;
  }
>;

/** The competent authority granted victim status. */
export type VictimStatusGranted = DomainEvent<
  'VictimStatusGranted',
  {
    caseId: string;
    /** The number of the authority's decision, e.g. 123/2026. */
    decisionNumber: string;
    /** YYYY-MM-DD: the date of the decision. */
    decidedOn: string;
  }
>;

/** The competent authority refused victim status. */
export type VictimStatusRefused = DomainEvent<
  'VictimStatusRefused',
  {
    caseId: string;
    /** The grounds of the refusal (legal grounds, no personal data); at least one. */
    reasons: string[];
    /** YYYY-MM-DD: the date of the decision. */
    decidedOn: string;
    /** The number of the authority's decision, when it has one. */
    decisionNumber?: string;
  }
>;

/** A review of a refusal was requested: the status is presumed again until a new decision. */
export type StatusDecisionReviewRequested = DomainEvent<
  'StatusDecisionReviewRequested',
  {
    caseId: string;
    /** Why the refusal should be reviewed; personal data (free text). */
    reason: string;
    requestedAt: string;
  }
>;

export type ReferralEvent = CaseReferred | VictimStatusGranted | VictimStatusRefused | StatusDecisionReviewRequested;
