import type { ReferralEvent } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

/**
 * How the referral context's events are stored: schema version and which fields are personal data.
 * None holds personal data: the note, the reasons of a refusal and of a review are administrative
 * text (the API documents that they must not name or describe the person).
 */
export const REFERRAL_EVENT_TYPES: Record<ReferralEvent['type'], EventTypeDefinition> = {
  CaseReferred: { schemaVersion: 1, personalFields: [] },
  VictimStatusGranted: { schemaVersion: 1, personalFields: [] },
  VictimStatusRefused: { schemaVersion: 1, personalFields: [] },
  StatusDecisionReviewRequested: { schemaVersion: 1, personalFields: [] },
};
