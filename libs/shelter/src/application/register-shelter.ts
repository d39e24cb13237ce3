import { commandDerivedId } from '@nrm/event-store';
import type { CommandContext, CommandServices } from '@nrm/platform';
import type { RegisterShelter } from '../domain/shelter.decider';
import { type ShelterCommandResult, ShelterCommands } from './shelter-commands';

/** A new shelter on a stream of its own (its id derived from the Idempotency-Key, so a retry finds it). */
export function registerShelter(
  { body }: { body: Pick<RegisterShelter, 'name' | 'operatorOrgId' | 'region' | 'beds' | 'accepts'> },
  { actor, correlationId }: CommandContext,
  services: CommandServices,
): Promise<ShelterCommandResult> {
  const shelterId = commandDerivedId('shelter');
  return services(ShelterCommands).run(shelterId, { actor, correlationId, newStream: true }, (_state, now) => ({
    type: 'RegisterShelter',
    shelterId,
    name: body.name,
    operatorOrgId: body.operatorOrgId,
    region: body.region,
    beds: body.beds,
    accepts: body.accepts,
    actor,
    now,
  }));
}
