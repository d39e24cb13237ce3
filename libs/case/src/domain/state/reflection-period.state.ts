import type { CaseEvent } from '../case.events';
import type { ExistingCase } from '../case-state';

/** What the reflection-period context keeps in the case state (filled in by that context). */
export type ReflectionPeriodState = Record<string, never>;

export const initialReflectionPeriodState = (): ReflectionPeriodState => ({});

/** Folds the reflection-period context's events into the case state; any other event leaves it as it is. */
export function evolveReflectionPeriod(state: ExistingCase, event: CaseEvent): ExistingCase {
  void event;
  return state;
}
