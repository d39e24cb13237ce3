import type { CaseEvent } from '../case.events';
import type { ExistingCase } from '../case-state';

/** A bed the case holds at a shelter: reserved by an accept, until released. */
export interface HeldBed {
  placementId: string;
  shelterId: string;
  shelterName: string;
  /**
   * Accepts under way or done for this placement. Each accept reserves once; a refused accept gives
   * back only its own reservation, so a concurrent accept that succeeded still holds the bed.
   */
  reservations: number;
}

/** What the case stream knows of its placements: the beds it holds now, by placement id. */
export interface CasePlacementsState {
  bedsHeld: Record<string, HeldBed>;
}

export const initialCasePlacementsState = (): CasePlacementsState => ({ bedsHeld: {} });

/** Folds the shelter context's case-stream events into the case state; any other event leaves it as it is. */
export function evolveCasePlacements(state: ExistingCase, event: CaseEvent): ExistingCase {
  switch (event.type) {
    case 'PlacementBedReserved': {
      const { placementId, shelterId, shelterName } = event.data;
      const reservations = (state.placements.bedsHeld[placementId]?.reservations ?? 0) + 1;
      return withBed(state, placementId, { placementId, shelterId, shelterName, reservations });
    }
    case 'PlacementBedReleased': {
      const held = state.placements.bedsHeld[event.data.placementId];
      if (!held) return state;
      // A refused accept gives back its one reservation; a check-out or a decline frees the bed.
      const reservations = event.data.reason === 'acceptance-refused' ? held.reservations - 1 : 0;
      return withBed(state, held.placementId, reservations > 0 ? { ...held, reservations } : null);
    }
    default:
      return state;
  }
}

function withBed(state: ExistingCase, placementId: string, bed: HeldBed | null): ExistingCase {
  const { [placementId]: _previous, ...others } = state.placements.bedsHeld;
  return { ...state, placements: { bedsHeld: bed ? { ...others, [placementId]: bed } : others } };
}
