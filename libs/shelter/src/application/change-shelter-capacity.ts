import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ChangeShelterCapacity } from '../domain/shelter.decider';
import {
  assertOperatorStaff,
  assertShelterFound,
  type ShelterCommandContext,
  type ShelterCommandResult,
  ShelterCommands,
} from './shelter-commands';

export class ChangeShelterCapacityCommand {
  constructor(
    readonly shelterId: string,
    readonly beds: number,
    readonly reason: string,
    readonly context: ShelterCommandContext,
  ) {}
}

@CommandHandler(ChangeShelterCapacityCommand)
export class ChangeShelterCapacityHandler implements ICommandHandler<
  ChangeShelterCapacityCommand,
  ShelterCommandResult
> {
  constructor(private readonly shelters: ShelterCommands) {}

  execute({ shelterId, beds, reason, context }: ChangeShelterCapacityCommand): Promise<ShelterCommandResult> {
    return this.shelters.run(shelterId, context, (state, now): ChangeShelterCapacity => {
      assertShelterFound(state, shelterId);
      assertOperatorStaff(state, context.actor);
      return { type: 'ChangeShelterCapacity', beds, reason, actor: context.actor, now };
    });
  }
}
