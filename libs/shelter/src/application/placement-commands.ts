import { Injectable, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StaleRevisionError } from '@nrm/event-store';
import type { Actor } from '@nrm/shared-kernel';
import {
  type AcceptPlacement,
  type CheckInPlacement,
  type CheckOutPlacement,
  type DeclinePlacement,
  type ShelterCommand,
  shelterDecider,
  type ShelterState,
} from '../domain/shelter.decider';
import { type PlacementLocation, PlacementLocator } from './placement-locator';
import {
  assertOperatorStaff,
  type ShelterCommandContext,
  type ShelterCommandResult,
  ShelterCommands,
  shelterStreamName,
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
 * An accept or a check-in takes or uses a bed: every refusal of the shelter's comes first, then the
 * case's, read from its stream (open: 'case-not-closed'; a child's guardian appointed), then the
 * shelter decides and appends. A closure racing it is settled on the shelter's stream: the closure
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
    if (options.takesBed) {
      await this.assertShelterWouldDecide(location, context, build);
      await this.shelters.assertCaseTakesPlacement(location.caseId, context.actor);
    }
    const result = await this.shelters.run(location.shelterId, context, (state, now) => {
      assertPlacementOf(state, location, context.actor);
      return build(context.actor, now);
    });
    return { ...result, placementId };
  }

  /** The shelter's refusals (404, 403, 412, its rules) before the case is read: decided without appending. */
  private async assertShelterWouldDecide(
    location: PlacementLocation,
    context: ShelterCommandContext,
    build: BuildShelterCommand<ShelterCommand>,
  ): Promise<void> {
    const { state, revision } = await this.shelters.readShelter(location.shelterId);
    assertPlacementOf(state, location, context.actor);
    if (context.expectedRevision !== undefined && revision !== context.expectedRevision) {
      throw new StaleRevisionError(shelterStreamName(location.shelterId), context.expectedRevision, revision);
    }
    shelterDecider.decide(build(context.actor, this.shelters.now()), state);
  }
}

/** The placement is on its shelter's stream (a request refused after its location was written is not). */
function assertPlacementOf(state: ShelterState, location: PlacementLocation, actor: Actor): void {
  if (!state.exists || !state.placements[location.placementId]) {
    throw new NotFoundException(`Placement ${location.placementId} not found`);
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
