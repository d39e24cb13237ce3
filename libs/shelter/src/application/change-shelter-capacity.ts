import type { CommandContext, CommandServices } from '@nrm/platform';
import type { ChangeShelterCapacity } from '../domain/shelter.decider';
import {
  assertOperatorStaff,
  assertShelterFound,
  type ShelterCommandResult,
  ShelterCommands,
} from './shelter-commands';

/** Only the operator's staff (and coordinators, admins) change a shelter's beds. */
export function changeShelterCapacity(
  { id: shelterId, body }: { id: string; body: { beds: number; reason: string } },
  context: CommandContext,
  services: CommandServices,
): Promise<ShelterCommandResult> {
  return services(ShelterCommands).run(shelterId, context, (state, now): ChangeShelterCapacity => {
    assertShelterFound(state, shelterId);
    assertOperatorStaff(state, context.actor);
    return { type: 'ChangeShelterCapacity', beds: body.beds, reason: body.reason, actor: context.actor, now };
  });
}
