import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import type { NotifyChildProtection } from '../domain/identification.decider';
import { identificationDecider } from './identification-decider';

export class NotifyChildProtectionCommand {
  constructor(
    readonly caseId: string,
    readonly details: Omit<NotifyChildProtection, 'type' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(NotifyChildProtectionCommand)
export class NotifyChildProtectionHandler implements ICommandHandler<NotifyChildProtectionCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, details, context }: NotifyChildProtectionCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, identificationDecider, (state, now): NotifyChildProtection => {
      assertVisible(state, caseId, context.actor);
      return { type: 'NotifyChildProtection', ...details, actor: context.actor, now };
    });
  }
}
