import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { caseLifecycleDecider, type CloseCase } from '../domain/case-lifecycle.decider';

export class CloseCaseCommand {
  constructor(
    readonly caseId: string,
    readonly details: Omit<CloseCase, 'type' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, details, context }: CloseCaseCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, caseLifecycleDecider, (state, now): CloseCase => {
      assertVisible(state, caseId, context.actor);
      return { type: 'CloseCase', ...details, actor: context.actor, now };
    });
  }
}
