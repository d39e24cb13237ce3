import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertVisible } from '@nrm/case/application/case-commands';
import { assertOpenCase } from '@nrm/case/domain';
import { commandDerivedId, StaleRevisionError } from '@nrm/event-store';
import type { Actor } from '@nrm/shared-kernel';
import type { RequestPlacement } from '../domain/shelter.decider';
import { PlacementLocator } from './placement-locator';
import { assertShelterFound, type ShelterCommandResult, ShelterCommands } from './shelter-commands';

export class RequestPlacementCommand {
  constructor(
    readonly caseId: string,
    readonly shelterId: string,
    readonly needs: string[],
    readonly context: {
      actor: Actor;
      correlationId: string;
      /** From If-Match: the revision of the case the caller read. */
      expectedCaseRevision?: bigint;
    },
  ) {}
}

export interface RequestPlacementResult extends ShelterCommandResult {
  placementId: string;
  caseId: string;
}

/**
 * A placement request is decided on the shelter's stream (where its beds are), with what the rules
 * need to know about the case read from the case's stream first. The placement's shelter and case are
 * written to the write side's placement_locations before the append, so a command on the placement
 * right after this answer finds it. A request racing a closure may land on the just-closed case: it
 * holds no bed, and the shelter can only decline it (an accept checks the case on its stream).
 */
@CommandHandler(RequestPlacementCommand)
export class RequestPlacementHandler implements ICommandHandler<RequestPlacementCommand, RequestPlacementResult> {
  constructor(
    private readonly shelters: ShelterCommands,
    private readonly locator: PlacementLocator,
  ) {}

  async execute({ caseId, shelterId, needs, context }: RequestPlacementCommand): Promise<RequestPlacementResult> {
    const { state: caseState, revision, sex } = await this.shelters.readCase(caseId);
    assertVisible(caseState, caseId, context.actor);
    if (context.expectedCaseRevision !== undefined && revision !== context.expectedCaseRevision) {
      throw new StaleRevisionError(`case-${caseId}`, context.expectedCaseRevision, revision);
    }
    assertOpenCase(caseState);
    const placementId = commandDerivedId('placement');
    await this.locator.record({ placementId, shelterId, caseId });
    const result = await this.shelters.run(
      shelterId,
      { actor: context.actor, correlationId: context.correlationId },
      (state, now): RequestPlacement => {
        assertShelterFound(state, shelterId);
        return {
          type: 'RequestPlacement',
          placementId,
          case: {
            caseId,
            personId: caseState.personId,
            isChild: caseState.isChild,
            guardianAppointed: caseState.guardianAppointed,
            sex: sex ?? 'unknown',
          },
          needs,
          actor: context.actor,
          now,
        };
      },
    );
    return { ...result, placementId, caseId };
  }
}
