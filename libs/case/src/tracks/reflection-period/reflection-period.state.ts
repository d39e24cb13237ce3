import type { CaseEvent } from '..';
import type { ExistingCase } from '../case-state';

/** The reflection period running now. */
export interface ActiveReflectionPeriod {
  periodId: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  /** When it falls due, extensions included (ISO 8601, UTC). */
  endsAt: string;
}

/** What the reflection-period context keeps in the case state (DESIGN §3.3). */
export interface ReflectionPeriodState {
  /** The period running now; null when none has started or the last one ended or expired. */
  active: ActiveReflectionPeriod | null;
  /**
   * The last period was ended early because the person chose to return. The repatriation context
   * reads it: no repatriation during an active reflection period unless the person asked for it.
   * A new period resets it.
   */
  personAskedToEnd: boolean;
  /** How many periods the case has had. */
  periods: number;
}

export const initialReflectionPeriodState = (): ReflectionPeriodState => ({
  active: null,
  personAskedToEnd: false,
  periods: 0,
});

/** Folds the reflection-period context's events into the case state; any other event leaves it as it is. */
export function evolveReflectionPeriod(state: ExistingCase, event: CaseEvent): ExistingCase {
  switch (event.type) {
    case 'ReflectionPeriodStarted':
      return {
        ...state,
        stage: 'reflection-period',
        reflectionPeriod: {
          active: { periodId: event.data.periodId, startedAt: event.data.startedAt, endsAt: event.data.endsAt },
          personAskedToEnd: false,
          periods: state.reflectionPeriod.periods + 1,
        },
      };
    case 'ReflectionPeriodExtended': {
      const active = state.reflectionPeriod.active;
      if (active?.periodId !== event.data.periodId) return state;
      return {
        ...state,
        reflectionPeriod: { ...state.reflectionPeriod, active: { ...active, endsAt: event.data.endsAt } },
      };
    }
    case 'ReflectionPeriodEnded':
      if (state.reflectionPeriod.active?.periodId !== event.data.periodId) return state;
      return {
        ...state,
        reflectionPeriod: {
          ...state.reflectionPeriod,
          active: null,
          personAskedToEnd: event.data.outcome === 'chose-to-return',
        },
      };
    case 'ReflectionPeriodExpired':
      if (state.reflectionPeriod.active?.periodId !== event.data.periodId) return state;
      return { ...state, reflectionPeriod: { ...state.reflectionPeriod, active: null } };
    default:
      return state;
  }
}
