import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { BedReleaseReason } from '@nrm/case/domain';
import { StaleRevisionError } from '@nrm/event-store';
import { type Actor, DomainRuleViolation } from '@nrm/shared-kernel';
import {
  type AcceptPlacement,
  type CheckInPlacement,
  type CheckOutPlacement,
  type DeclinePlacement,
  type RegisteredShelter,
  type ShelterCommand,
  shelterDecider,
} from '../domain/shelter.decider';
import { OneAtATime } from './one-at-a-time';
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
 * Placement commands across the two streams they touch. The placement is found on the write side
 * (placement_locations, written by the request before its append: never a read model), then:
 *
 * - every refusal of the shelter's (404, 403, 412, its rules) is given before anything is written;
 * - accept: the case must take the placement (open, a child's guardian appointed): a bed reservation
 *   is appended to the case stream with the case's expected revision, then the shelter decides on its
 *   own stream. A closure conflicts with that reservation, and refuses while it holds
 *   ('closure-releases-beds-first'), so a closure and an accept never both win. Should the shelter
 *   then refuse (another accept took the last bed meanwhile), the reservation is given back
 *   (compensation: 'acceptance-refused'). Accepts at one shelter run one at a time in this process, so
 *   that many accepts racing for its last bed are refused before anything is written; only accepts
 *   racing from two API instances can still append a reservation and its release.
 * - check in: the case must take the placement (same rules, nothing appended to the case);
 * - decline, check out: the shelter decides; then the case gives back a bed it holds for the
 *   placement. A check-out repeated after one whose release was cut short finishes that release.
 */
@Injectable()
export class PlacementCommands {
  private readonly logger = new Logger('PlacementCommands');
  private readonly acceptsByShelter = new OneAtATime();

  constructor(
    private readonly shelters: ShelterCommands,
    private readonly locator: PlacementLocator,
  ) {}

  async accept(placementId: string, context: ShelterCommandContext): Promise<PlacementCommandResult> {
    const location = await this.locator.locate(placementId);
    return this.acceptsByShelter.run(location.shelterId, () => this.acceptAt(location, context));
  }

  private async acceptAt(found: PlacementLocation, context: ShelterCommandContext): Promise<PlacementCommandResult> {
    const placementId = found.placementId;
    const build: BuildShelterCommand<AcceptPlacement> = (actor, now) => ({
      type: 'AcceptPlacement',
      placementId,
      actor,
      now,
    });
    const { location, shelter } = await this.prepare(placementId, context, build);
    await this.shelters.runOnCase(location.caseId, context, (now) => ({
      type: 'ReserveBed',
      placementId,
      shelterId: location.shelterId,
      shelterName: shelter.name,
      actor: context.actor,
      now,
    }));
    try {
      return await this.decideOnShelter(location, context, build);
    } catch (refusal) {
      await this.releaseBed(location, 'acceptance-refused', context).catch((error: unknown) =>
        // The reservation stays: the closure waits until the shelter declines or accepts again.
        this.logger.error({ placementId, error: String(error) }, 'Could not give back a bed reservation'),
      );
      throw refusal;
    }
  }

  async checkIn(placementId: string, context: ShelterCommandContext): Promise<PlacementCommandResult> {
    const build: BuildShelterCommand<CheckInPlacement> = (actor, now) => ({
      type: 'CheckInPlacement',
      placementId,
      actor,
      now,
    });
    const { location } = await this.prepare(placementId, context, build);
    await this.shelters.runOnCase(location.caseId, context, (now) => ({
      type: 'CheckCaseForPlacement',
      actor: context.actor,
      now,
    }));
    return this.decideOnShelter(location, context, build);
  }

  async decline(placementId: string, reason: string, context: ShelterCommandContext): Promise<PlacementCommandResult> {
    const build: BuildShelterCommand<DeclinePlacement> = (actor, now) => ({
      type: 'DeclinePlacement',
      placementId,
      reason,
      actor,
      now,
    });
    const { location } = await this.prepare(placementId, context, build);
    const result = await this.decideOnShelter(location, context, build);
    return this.withRelease(result, await this.releaseBed(location, 'declined', context));
  }

  async checkOut(
    placementId: string,
    reason: string,
    date: string,
    context: ShelterCommandContext,
  ): Promise<PlacementCommandResult> {
    const build: BuildShelterCommand<CheckOutPlacement> = (actor, now) => ({
      type: 'CheckOutPlacement',
      placementId,
      reason,
      date,
      actor,
      now,
    });
    let location: PlacementLocation;
    try {
      ({ location } = await this.prepare(placementId, context, build));
    } catch (refusal) {
      // Checked out already, but the release on the case was cut short: finish it.
      const unfinished = await this.finishCheckOut(placementId, context, refusal);
      if (unfinished) return unfinished;
      throw refusal;
    }
    const result = await this.decideOnShelter(location, context, build);
    return this.withRelease(result, await this.releaseBed(location, 'checked-out', context));
  }

  /**
   * Finds the placement and gives every refusal of the shelter's before anything is written: the
   * command decided on the shelter's current state, without appending.
   */
  private async prepare(
    placementId: string,
    context: ShelterCommandContext,
    build: BuildShelterCommand<ShelterCommand>,
  ): Promise<{ location: PlacementLocation; shelter: RegisteredShelter }> {
    const location = await this.locator.locate(placementId);
    const { state, revision } = await this.shelters.readShelter(location.shelterId);
    const shelter = this.assertPlacementOf(state, location, context.actor);
    if (context.expectedRevision !== undefined && revision !== context.expectedRevision) {
      throw new StaleRevisionError(shelterStreamName(location.shelterId), context.expectedRevision, revision);
    }
    shelterDecider.decide(build(context.actor, this.shelters.now()), shelter);
    return { location, shelter };
  }

  private assertPlacementOf(
    state: Awaited<ReturnType<ShelterCommands['readShelter']>>['state'],
    location: PlacementLocation,
    actor: Actor,
  ): RegisteredShelter {
    // A request refused after its location was written never reached the shelter's stream.
    if (!state.exists || !state.placements[location.placementId]) {
      throw new NotFoundException(`Placement ${location.placementId} not found`);
    }
    assertOperatorStaff(state, actor);
    return state;
  }

  private async decideOnShelter(
    location: PlacementLocation,
    context: ShelterCommandContext,
    build: BuildShelterCommand<ShelterCommand>,
  ): Promise<PlacementCommandResult> {
    const result = await this.shelters.run(location.shelterId, context, (state, now) => {
      this.assertPlacementOf(state, location, context.actor);
      return build(context.actor, now);
    });
    return { ...result, placementId: location.placementId };
  }

  /** Gives back the bed the case holds for the placement, if any; the global position of the release. */
  private async releaseBed(
    location: PlacementLocation,
    reason: BedReleaseReason,
    context: ShelterCommandContext,
  ): Promise<string | null> {
    const released = await this.shelters.runOnCase(location.caseId, context, (now) => ({
      type: 'ReleaseBed',
      placementId: location.placementId,
      reason,
      actor: context.actor,
      now,
    }));
    return released.position;
  }

  /** The answer covers the release too: a read with its position sees both streams' events. */
  private withRelease(result: PlacementCommandResult, releasePosition: string | null): PlacementCommandResult {
    return releasePosition === null ? result : { ...result, position: releasePosition };
  }

  private async finishCheckOut(
    placementId: string,
    context: ShelterCommandContext,
    refusal: unknown,
  ): Promise<PlacementCommandResult | null> {
    if (!(refusal instanceof DomainRuleViolation) || refusal.rule !== 'check-out-needs-check-in') return null;
    const location = await this.locator.locate(placementId);
    const { state, revision } = await this.shelters.readShelter(location.shelterId);
    if (!state.exists || state.placements[placementId]?.status !== 'checked-out') return null;
    const position = await this.releaseBed(location, 'checked-out', context);
    if (position === null) return null;
    return { shelterId: location.shelterId, revision: Number(revision), position, placementId };
  }
}

@CommandHandler(AcceptPlacementCommand)
export class AcceptPlacementHandler implements ICommandHandler<AcceptPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, context }: AcceptPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.accept(placementId, context);
  }
}

@CommandHandler(DeclinePlacementCommand)
export class DeclinePlacementHandler implements ICommandHandler<DeclinePlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, reason, context }: DeclinePlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.decline(placementId, reason, context);
  }
}

@CommandHandler(CheckInPlacementCommand)
export class CheckInPlacementHandler implements ICommandHandler<CheckInPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, context }: CheckInPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.checkIn(placementId, context);
  }
}

@CommandHandler(CheckOutPlacementCommand)
export class CheckOutPlacementHandler implements ICommandHandler<CheckOutPlacementCommand, PlacementCommandResult> {
  constructor(private readonly placements: PlacementCommands) {}

  execute({ placementId, reason, date, context }: CheckOutPlacementCommand): Promise<PlacementCommandResult> {
    return this.placements.checkOut(placementId, reason, date, context);
  }
}
