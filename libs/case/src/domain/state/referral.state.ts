import type { CaseEvent } from '../case.events';
import type { ExistingCase } from '../case-state';

/** What the referral context keeps in the case state (filled in by that context). */
export type ReferralState = Record<string, never>;

export const initialReferralState = (): ReferralState => ({});

/** Folds the referral context's events into the case state; any other event leaves it as it is. */
export function evolveReferral(state: ExistingCase, event: CaseEvent): ExistingCase {
  void event;
  return state;
}
