import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import type { AppointGuardian } from '../domain/identification.decider';
import { identificationDecider } from './identification-decider';

export class AppointGuardianCommand {
  constructor(
    readonly caseId: string,
    readonly details: Omit<AppointGuardian, 'type' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(AppointGuardianCommand)
export class AppointGuardianHandler implements ICommandHandler<AppointGuardianCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, details, context }: AppointGuardianCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, identificationDecider, (state, now): AppointGuardian => {
      assertVisible(state, caseId, context.actor);
      return { type: 'AppointGuardian', ...details, actor: context.actor, now };
    });
  }
}
