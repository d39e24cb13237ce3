import type { Actor } from '@nrm/shared-kernel';

/**
 * What a case's closure needs from the shelters (DESIGN §3.7: a closed case holds no bed and has no
 * request pending): end the case's open placements on their shelters' streams. Declared here, where
 * the closure is, and provided by libs/shelter (PlacementClosure), which already depends on the case
 * library: the case library never imports the shelters, so the two do not import each other.
 */
export interface CasePlacements {
  /** Ends the case's open placements; the global position of the last event appended, or null. */
  endPlacementsOf(caseId: string, context: { actor: Actor; correlationId: string }): Promise<string | null>;
}

export const CASE_PLACEMENTS = Symbol('CASE_PLACEMENTS');
