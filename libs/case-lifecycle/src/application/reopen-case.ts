import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { caseLifecycleDecider, type ReopenCase } from '../domain/case-lifecycle.decider';

export class ReopenCaseCommand {
  constructor(
    readonly caseId: string,
    readonly details: Omit<ReopenCase, 'type' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler implements ICommandHandler<ReopenCaseCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, details, context }: ReopenCaseCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, caseLifecycleDecider, (state, now): ReopenCase => {
      assertVisible(state, caseId, context.actor);
      return { type: 'ReopenCase', ...details, actor: context.actor, now };
    });
  }
}
