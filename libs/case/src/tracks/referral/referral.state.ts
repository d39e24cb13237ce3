import type { CaseEvent } from '..';
import type { ExistingCase } from '../case-state';

/** What the referral context keeps in the case state (DESIGN §3.2). */
export interface ReferralState {
  /** When the case was referred to the competent authority; null until then. */
  referredAt: string | null;
  competentAuthorityOrgId: string | null;
  /** The latest victim-status decision; a refusal stays here while its review is pending. */
  decision: 'granted' | 'refused' | null;
  /** A review of the refusal was requested: a new decision is awaited. */
  reviewPending: boolean;
}

export const initialReferralState = (): ReferralState => ({
  referredAt: null,
  competentAuthorityOrgId: null,
  decision: null,
  reviewPending: false,
});

/** Folds the referral context's events into the case state; any other event leaves it as it is. */
export function evolveReferral(state: ExistingCase, event: CaseEvent): ExistingCase {
  switch (event.type) {
    case 'CaseReferred':
      return {
        ...state,
        stage: 'referral',
        referral: {
          ...state.referral,
          referredAt: event.data.referredAt,
          competentAuthorityOrgId: event.data.competentAuthorityOrgId,
        },
      };
    case 'VictimStatusGranted':
      return { ...state, status: 'victim', referral: { ...state.referral, decision: 'granted', reviewPending: false } };
    case 'VictimStatusRefused':
      return {
        ...state,
        status: 'not-a-victim',
        referral: { ...state.referral, decision: 'refused', reviewPending: false },
      };
    case 'StatusDecisionReviewRequested':
      return { ...state, status: 'presumed-victim', referral: { ...state.referral, reviewPending: true } };
    default:
      return state;
  }
}
