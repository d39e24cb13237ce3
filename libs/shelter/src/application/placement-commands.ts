import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Actor, NotFoundError } from '@nrm/shared-kernel';
import {
  type AcceptPlacement,
  type CheckInPlacement,
  type CheckOutPlacement,
  type DeclinePlacement,
  type ShelterCommand,
  type ShelterState,
} from '../domain/shelter.decider';
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

export class AcceptPlacementCommand {
  constructor(
    readonly placementId: string,
    readonly context: ShelterCommandContext,
  ) {}
}

export class DeclinePlacementCommand {
  constructor(
    readonly placementId: string,
    readonly reason: string,
    readonly context: ShelterCommandContext,
  ) {}
}

export class CheckInPlacementCommand {
  constructor(
    readonly placementId: string,
    readonly context: ShelterCommandContext,
  ) {}
}

export class CheckOutPlacementCommand {
  constructor(
    readonly placementId: string,
    readonly reason: string,
    /** YYYY-MM-DD. */
    readonly date: string,
    readonly context: ShelterCommandContext,
  ) {}
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

@CommandHandler(AcceptPlacementCommand)
export class AcceptPlacementHandler implements ICommandHandler<AcceptPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, context }: AcceptPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(
      placementId,
      context,
      (actor, now): AcceptPlacement => ({ type: 'AcceptPlacement', placementId, actor, now }),
      { takesBed: true },
    );
  }
}

@CommandHandler(DeclinePlacementCommand)
export class DeclinePlacementHandler implements ICommandHandler<DeclinePlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, reason, context }: DeclinePlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(
      placementId,
      context,
      (actor, now): DeclinePlacement => ({ type: 'DeclinePlacement', placementId, reason, actor, now }),
      { takesBed: false },
    );
  }
}

@CommandHandler(CheckInPlacementCommand)
export class CheckInPlacementHandler implements ICommandHandler<CheckInPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, context }: CheckInPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(
      placementId,
      context,
      (actor, now): CheckInPlacement => ({ type: 'CheckInPlacement', placementId, actor, now }),
      { takesBed: true },
    );
  }
}

@CommandHandler(CheckOutPlacementCommand)
export class CheckOutPlacementHandler implements ICommandHandler<CheckOutPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, reason, date, context }: CheckOutPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(
      placementId,
      context,
      (actor, now): CheckOutPlacement => ({ type: 'CheckOutPlacement', placementId, reason, date, actor, now }),
      { takesBed: false },
    );
  }
}
