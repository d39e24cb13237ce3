import { assertOpenCase, type CaseEvent, type CaseState, evolveCase, initialCaseState } from '@nrm/case/domain';
import { type Actor, type Decider, DomainRuleViolation } from '@nrm/shared-kernel';

/**
 * The case's side of a placement that takes or uses a bed (accept, check in), decided on the case's
 * stream before the shelter decides on its own (shelter.decider.ts). It appends nothing:
 *
 * - the case exists ('case-exists', 409) and is open ('case-not-closed', 409: a closed case refuses
 *   every command but reopen, DESIGN §3.7);
 * - a child's case has a guardian ('guardian-before-placement', 422).
 *
 * A closure racing the accept is settled on the shelter's stream: the closure ends the case's open
 * placements there (placement-closure.ts), so the accept either came first (and its bed is freed) or
 * is refused there.
 */
export interface CheckCaseForPlacement {
  type: 'CheckCaseForPlacement';
  actor: Actor;
  now: Date;
}

export const placementCaseDecider: Decider<CaseState, CheckCaseForPlacement, CaseEvent> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: (_command, state) => {
    assertOpenCase(state);
    if (state.isChild && !state.guardianAppointed) {
      throw new DomainRuleViolation(
        'guardian-before-placement',
        'A guardian must be appointed for the child before any placement',
        'unprocessable',
      );
    }
    return [];
  },
};
