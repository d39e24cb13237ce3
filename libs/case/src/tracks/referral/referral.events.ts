import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';

/**
 * Events of the referral context on the case stream (DESIGN §3.2): the presumed victim is referred to
 * the competent authority, which grants or refuses victim status; a refusal can be reviewed.
 * Free-text notes and reasons are personal data (encrypted under the case's key); the refusal's
 * legal grounds are not.
 */

export const REFERRAL_EVENT_TYPES = {
  /** The presumed victim was referred to the competent authority. */
  CaseReferred: defineEvent<{
    caseId: string;
    /** The organisation of the competent authority the case was referred to. */
    competentAuthorityOrgId: string;
    /** When the referral was made (ISO 8601, from the clock). */
    referredAt: string;
    /** A working note for the authority; personal data (free text). */
    note?: string;
  }>({ schemaVersion: 1, personalFields: ['note'], subjectField: 'caseId' }),
  /** The competent authority granted victim status. */
  VictimStatusGranted: defineEvent<{
    caseId: string;
    /** The number of the authority's decision, e.g. 123/2026. */
    decisionNumber: string;
    /** YYYY-MM-DD: the date of the decision. */
    decidedOn: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  /** The competent authority refused victim status. */
  VictimStatusRefused: defineEvent<{
    caseId: string;
    /** The grounds of the refusal (legal grounds, no personal data); at least one. */
    reasons: string[];
    /** YYYY-MM-DD: the date of the decision. */
    decidedOn: string;
    /** The number of the authority's decision, when it has one. */
    decisionNumber?: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  /** A review of a refusal was requested: the status is presumed again until a new decision. */
  StatusDecisionReviewRequested: defineEvent<{
    caseId: string;
    /** Why the refusal should be reviewed; personal data (free text). */
    reason: string;
    requestedAt: string;
  }>({ schemaVersion: 1, personalFields: ['reason'], subjectField: 'caseId' }),
};

export type ReferralEvent = EventsOf<typeof REFERRAL_EVENT_TYPES>;
export type CaseReferred = EventNamed<ReferralEvent, 'CaseReferred'>;
export type VictimStatusGranted = EventNamed<ReferralEvent, 'VictimStatusGranted'>;
export type VictimStatusRefused = EventNamed<ReferralEvent, 'VictimStatusRefused'>;
export type StatusDecisionReviewRequested = EventNamed<ReferralEvent, 'StatusDecisionReviewRequested'>;
