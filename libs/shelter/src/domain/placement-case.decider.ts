import {
  assertOpenCase,
  type BedReleaseReason,
  type CaseEvent,
  type CaseState,
  evolveCase,
  type ExistingCase,
  initialCaseState,
  type PlacementBedReleased,
  type PlacementBedReserved,
} from '@nrm/case/domain';
import { type Actor, type Decider, DomainRuleViolation } from '@nrm/shared-kernel';

/**
 * The case's side of a placement, decided on the case stream (the shelter's side, beds and statuses,
 * is decided on the shelter stream by shelter.decider.ts). Every rule here, in one place:
 *
 * - reserve a bed (before a shelter's acceptance) and check a placement (before a check-in): the case
 *   exists ('case-exists', 409) and is open ('case-not-closed', 409: a closed case refuses every
 *   command but reopen, DESIGN §3.7); a child's case has a guardian ('guardian-before-placement', 422).
 *   The reservation is appended with the case's expected revision, so it and a closure cannot both win.
 * - release a bed: allowed on any case (it only gives back); appends nothing when no bed is held for
 *   the placement.
 */
export interface ReserveBed {
  type: 'ReserveBed';
  placementId: string;
  shelterId: string;
  shelterName: string;
  actor: Actor;
  now: Date;
}

export interface CheckCaseForPlacement {
  type: 'CheckCaseForPlacement';
  actor: Actor;
  now: Date;
}

export interface ReleaseBed {
  type: 'ReleaseBed';
  placementId: string;
  reason: BedReleaseReason;
  actor: Actor;
  now: Date;
}

export type PlacementCaseCommand = ReserveBed | CheckCaseForPlacement | ReleaseBed;

export const placementCaseDecider: Decider<CaseState, PlacementCaseCommand, CaseEvent> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: (command, state) => {
    switch (command.type) {
      case 'ReserveBed':
        return [reserveBed(command, state)];
      case 'CheckCaseForPlacement':
        assertCaseTakesPlacement(state);
        return [];
      case 'ReleaseBed':
        return releaseBed(command, state);
    }
  },
};

function assertCaseTakesPlacement(state: CaseState): asserts state is ExistingCase {
  assertOpenCase(state);
  if (state.isChild && !state.guardianAppointed) {
    throw new DomainRuleViolation(
      'guardian-before-placement',
      'A guardian must be appointed for the child before any placement',
      'unprocessable',
    );
  }
}

function reserveBed(command: ReserveBed, state: CaseState): PlacementBedReserved {
  assertCaseTakesPlacement(state);
  return {
    type: 'PlacementBedReserved',
    data: {
      caseId: state.caseId,
      placementId: command.placementId,
      shelterId: command.shelterId,
      shelterName: command.shelterName,
      reservedAt: command.now.toISOString(),
    },
  };
}

function releaseBed(command: ReleaseBed, state: CaseState): PlacementBedReleased[] {
  if (!state.exists) return [];
  const held = state.placements.bedsHeld[command.placementId];
  if (!held) return [];
  return [
    {
      type: 'PlacementBedReleased',
      data: {
        caseId: state.caseId,
        placementId: command.placementId,
        shelterId: held.shelterId,
        reason: command.reason,
        releasedAt: command.now.toISOString(),
      },
    },
  ];
}
