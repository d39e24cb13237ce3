import type { CaseEvent } from '../case.events';
import type { ExistingCase } from '../case-state';

/** What the repatriation context keeps in the case state (filled in by that context). */
export type RepatriationState = Record<string, never>;

export const initialRepatriationState = (): RepatriationState => ({});

/** Folds the repatriation context's events into the case state; any other event leaves it as it is. */
export function evolveRepatriation(state: ExistingCase, event: CaseEvent): ExistingCase {
  void event;
  return state;
}
