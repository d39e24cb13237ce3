import { Injectable } from '@nestjs/common';
import type { CasePlacements } from '@nrm/case';
import type { Actor } from '@nrm/shared-kernel';
import { PlacementLocator } from './placement-locator';
import { ShelterCommands } from './shelter-commands';

/**
 * What a case's closure does to its placements (DESIGN §3.7: a closed case holds no bed and has no
 * request pending): on every shelter where the case has a placement, the shelter's stream ends the
 * open ones (requested, accepted, checked in), freeing the beds held. Each shelter decides on its own
 * stream with its expected revision, so an accept racing the closure came either before (its bed is
 * freed here) or after (it is refused there). The shelters are found on the write side
 * (placement_locations).
 */
@Injectable()
export class PlacementClosure implements CasePlacements {
  constructor(
    private readonly shelters: ShelterCommands,
    private readonly locator: PlacementLocator,
  ) {}

  /** Ends the case's open placements; the global position of the last event appended, or null. */
  async endPlacementsOf(caseId: string, context: { actor: Actor; correlationId: string }): Promise<string | null> {
    let last: bigint | null = null;
    for (const shelterId of await this.locator.sheltersOfCase(caseId)) {
      const result = await this.shelters.run(shelterId, context, (_state, now) => ({
        type: 'EndPlacementsOfClosedCase',
        caseId,
        actor: context.actor,
        now,
      }));
      if (result.position !== null && (last === null || BigInt(result.position) > last)) last = BigInt(result.position);
    }
    return last === null ? null : last.toString();
  }
}
