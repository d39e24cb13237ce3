import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandDerivedId } from '@nrm/event-store';
import type { RegisterShelter } from '../domain/shelter.decider';
import { type ShelterCommandContext, type ShelterCommandResult, ShelterCommands } from './shelter-commands';

export class RegisterShelterCommand {
  constructor(
    readonly details: Pick<RegisterShelter, 'name' | 'operatorOrgId' | 'region' | 'beds' | 'accepts'>,
    readonly context: ShelterCommandContext,
  ) {}
}

@CommandHandler(RegisterShelterCommand)
export class RegisterShelterHandler implements ICommandHandler<RegisterShelterCommand, ShelterCommandResult> {
  constructor(private readonly shelters: ShelterCommands) {}

  execute({ details, context }: RegisterShelterCommand): Promise<ShelterCommandResult> {
    const shelterId = commandDerivedId('shelter');
    return this.shelters.run(shelterId, { ...context, newStream: true }, (_state, now): RegisterShelter => ({
      type: 'RegisterShelter',
      shelterId,
      ...details,
      actor: context.actor,
      now,
    }));
  }
}
