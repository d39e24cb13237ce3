import { Injectable, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@nrm/shared-kernel';
import type {
  AcceptPlacement,
  CheckInPlacement,
  CheckOutPlacement,
  DeclinePlacement,
  ShelterCommand,
} from '../domain/shelter.decider';
import { PlacementLocator } from './placement-locator';
import {
  assertOperatorStaff,
  assertShelterFound,
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

/**
 * Placement commands run on the stream of the placement's shelter. An unknown placement is 404;
 * only the shelter operator's staff and coordinators may act on it (403 for anyone else).
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
    build: (actor: Actor, now: Date) => Command,
  ): Promise<PlacementCommandResult> {
    const shelterId = await this.locator.shelterOf(placementId);
    const result = await this.shelters.run(shelterId, context, (state, now) => {
      assertShelterFound(state, shelterId);
      if (!state.placements[placementId]) throw new NotFoundException(`Placement ${placementId} not found`);
      assertOperatorStaff(state, context.actor);
      return build(context.actor, now);
    });
    return { ...result, placementId };
  }
}

@CommandHandler(AcceptPlacementCommand)
export class AcceptPlacementHandler implements ICommandHandler<AcceptPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, context }: AcceptPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(placementId, context, (actor, now): AcceptPlacement => ({
      type: 'AcceptPlacement',
      placementId,
      actor,
      now,
    }));
  }
}

@CommandHandler(DeclinePlacementCommand)
export class DeclinePlacementHandler implements ICommandHandler<DeclinePlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, reason, context }: DeclinePlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(placementId, context, (actor, now): DeclinePlacement => ({
      type: 'DeclinePlacement',
      placementId,
      reason,
      actor,
      now,
    }));
  }
}

@CommandHandler(CheckInPlacementCommand)
export class CheckInPlacementHandler implements ICommandHandler<CheckInPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, context }: CheckInPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(placementId, context, (actor, now): CheckInPlacement => ({
      type: 'CheckInPlacement',
      placementId,
      actor,
      now,
    }));
  }
}

@CommandHandler(CheckOutPlacementCommand)
export class CheckOutPlacementHandler implements ICommandHandler<CheckOutPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, reason, date, context }: CheckOutPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.run(placementId, context, (actor, now): CheckOutPlacement => ({
      type: 'CheckOutPlacement',
      placementId,
      reason,
      date,
      actor,
      now,
    }));
  }
}
