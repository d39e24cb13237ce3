import type { CaseEvent } from '..';
import type { ExistingCase } from '../case-state';
import type { ClosureReason, OpenCaseStage } from './case-lifecycle.events';

/** What the case-lifecycle context keeps in the case state: the last closure, while closed. */
export interface CaseLifecycleState {
  /** Set while the case is closed: why, and the stage reopening returns to. */
  closure: { reason: ClosureReason; stageBeforeClosure: OpenCaseStage } | null;
  /** The person's personal data was erased by legal order (PersonalDataErased). */
  personalDataErased: boolean;
}

export const initialCaseLifecycleState = (): CaseLifecycleState => ({ closure: null, personalDataErased: false });

/**
 * Folds the case-lifecycle context's events into the case state; any other event leaves it as it is.
 * Closing sets the shared stage to 'closed' (which `assertOpenCase` refuses); reopening restores it;
 * a transfer changes the owning organisation (and so who sees the case).
 */
export function evolveCaseLifecycle(state: ExistingCase, event: CaseEvent): ExistingCase {
  switch (event.type) {
    case 'CaseClosed':
      return {
        ...state,
        stage: 'closed',
        lifecycle: {
          ...state.lifecycle,
          closure: { reason: event.data.reason, stageBeforeClosure: event.data.stageBeforeClosure },
        },
      };
    case 'CaseReopened':
      return { ...state, stage: event.data.stage, lifecycle: { ...state.lifecycle, closure: null } };
    case 'CaseTransferred':
      return { ...state, organisationId: event.data.toOrganisationId };
    case 'PersonalDataErased':
      return { ...state, lifecycle: { ...state.lifecycle, personalDataErased: true } };
    default:
      return state;
  }
}
