import { assertVisible } from '@nrm/case';
import { assertOpenCase } from '@nrm/case/domain';
import { commandDerivedId, StaleRevisionError } from '@nrm/event-store';
import type { CommandContext, CommandServices } from '@nrm/platform';
import type { RequestPlacement } from '../domain/shelter.decider';
import { PlacementLocator } from './placement-locator';
import { assertShelterFound, type ShelterCommandResult, ShelterCommands } from './shelter-commands';

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
export async function requestPlacement(
  { id: caseId, body: { shelterId, needs } }: { id: string; body: { shelterId: string; needs: string[] } },
  context: CommandContext,
  services: CommandServices,
): Promise<RequestPlacementResult> {
  const shelters = services(ShelterCommands);
  const { state: caseState, revision, sex } = await shelters.readCase(caseId);
  assertVisible(caseState, caseId, context.actor);
  // If-Match takes the revision of the case the caller read.
  if (context.expectedRevision !== undefined && revision !== context.expectedRevision) {
    throw new StaleRevisionError(`case-${caseId}`, context.expectedRevision, revision);
  }
  assertOpenCase(caseState);
  const placementId = commandDerivedId('placement');
  await services(PlacementLocator).record({ placementId, shelterId, caseId });
  const result = await shelters.run(
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
