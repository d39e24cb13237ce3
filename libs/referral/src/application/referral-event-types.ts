import type { ReferralEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the referral context's events are stored: schema version and which fields are personal data.
 * Free-text notes and reasons may name or describe the person whatever the form says, so they are
 * personal data, encrypted under the case's own key (subject: the case id), which an erasure
 * destroys together with the person's.
 * The grounds of a refusal are legal grounds (the API documents that they must not describe the
 * person) and stay readable: a review depends on them.
 */
export const REFERRAL_EVENT_TYPES: Record<ReferralEvent['type'], EventTypeDefinition> = {
  CaseReferred: { schemaVersion: 1, personalFields: ['note'], subjectField: 'caseId' },
  VictimStatusGranted: { schemaVersion: 1, personalFields: [] },
  VictimStatusRefused: { schemaVersion: 1, personalFields: [] },
  StatusDecisionReviewRequested: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'caseId' },
};
