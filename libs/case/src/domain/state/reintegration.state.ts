import type { CaseEvent } from '../case.events';
import type { ExistingCase } from '../case-state';

/** What the reintegration context keeps in the case state (filled in by that context). */
export type ReintegrationState = Record<string, never>;

export const initialReintegrationState = (): ReintegrationState => ({});

/** Folds the reintegration context's events into the case state; any other event leaves it as it is. */
export function evolveReintegration(state: ExistingCase, event: CaseEvent): ExistingCase {
  void event;
  return state;
}
