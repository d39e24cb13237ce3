import { Injectable } from '@nestjs/common';
import { type Actor, NotFoundError } from '@nrm/shared-kernel';
import type { CommandContext, CommandServices } from '@nrm/platform';
import type { ShelterCommand, ShelterState } from '../domain/shelter.decider';
import { placementCaseDecider } from '../domain/placement-case.decider';
import { type PlacementLocation, PlacementLocator } from './placement-locator';
import {
  assertOperatorStaff,
  type ShelterCommandContext,
  type ShelterCommandResult,
  ShelterCommands,
} from './shelter-commands';

export interface PlacementCommandResult extends ShelterCommandResult {
  placementId: string;
}

type BuildShelterCommand<Command extends ShelterCommand> = (actor: Actor, now: Date) => Command;

/**
 * Placement commands run on the stream of the placement's shelter, found on the write side
 * (placement_locations, written by the request before its append: never a read model, so a command
 * right after the request finds it). An unknown placement is 404; only the shelter operator's staff
 * and coordinators may act on it (403 for anyone else).
 *
 * An accept or a check-in takes or uses a bed: the case is read from its stream first; the shelter's
 * stream then decides who may act (404, 403), the case's rules (open: 'case-not-closed'; a child's
 * guardian appointed), then its own, and appends. A closure racing it is settled on the shelter's stream: the closure
 * ends the case's open placements there (placement-closure.ts) with the shelter's expected revision,
 * so the accept either came first (and its bed is freed by the closure) or is refused there.
 */
@Injectable()
export class PlacementCommands {
  constructor(
    private readonly shelters: ShelterCommands,
    private readonly locator: PlacementLocator,
  ) {}

  async run<Command extends ShelterCommand>(
    placementId: string,
    context: ShelterCommandContext,
    build: BuildShelterCommand<Command>,
    options: { takesBed: boolean },
  ): Promise<PlacementCommandResult> {
    const location = await this.locator.locate(placementId);
    const caseState = options.takesBed ? (await this.shelters.readCase(location.caseId)).state : null;
    const result = await this.shelters.run(location.shelterId, context, (state, now) => {
      assertPlacementOf(state, location, context.actor);
      // The case's rules after who may act (404, 403), before the shelter's own.
      if (caseState)
        placementCaseDecider.decide({ type: 'CheckCaseForPlacement', actor: context.actor, now }, caseState);
      return build(context.actor, now);
    });
    return { ...result, placementId };
  }
}

/** The placement is on its shelter's stream (a request refused after its location was written is not). */
function assertPlacementOf(state: ShelterState, location: PlacementLocation, actor: Actor): void {
  if (!state.exists || !state.placements[location.placementId]) {
    throw new NotFoundError(`Placement ${location.placementId} not found`);
  }
  assertOperatorStaff(state, actor);
}

/**
 * A command on the placement of the path (:id) from its body; `takesBed`: an accept or a check-in,
 * which first read the case (see PlacementCommands).
 */
export function onPlacement<Body, Command extends ShelterCommand>(
  build: (placementId: string, body: Body) => BuildShelterCommand<Command>,
  options: { takesBed: boolean },
) {
  return (
    { id, body }: { id: string; body: Body },
    context: CommandContext,
    services: CommandServices,
  ): Promise<PlacementCommandResult> => services(PlacementCommands).run(id, context, build(id, body), options);
}
