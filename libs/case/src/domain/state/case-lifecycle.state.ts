import type { CaseEvent } from '../case.events';
import type { ExistingCase } from '../case-state';

/** What the case-lifecycle context keeps in the case state (filled in by that context). */
export type CaseLifecycleState = Record<string, never>;

export const initialCaseLifecycleState = (): CaseLifecycleState => ({});

/** Folds the case-lifecycle context's events into the case state; any other event leaves it as it is. */
export function evolveCaseLifecycle(state: ExistingCase, event: CaseEvent): ExistingCase {
  void event;
  return state;
}
