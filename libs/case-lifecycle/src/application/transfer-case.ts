import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { caseLifecycleDecider, type TransferCase } from '../domain/case-lifecycle.decider';

export class TransferCaseCommand {
  constructor(
    readonly caseId: string,
    readonly details: Omit<TransferCase, 'type' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(TransferCaseCommand)
export class TransferCaseHandler implements ICommandHandler<TransferCaseCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, details, context }: TransferCaseCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, caseLifecycleDecider, (state, now): TransferCase => {
      assertVisible(state, caseId, context.actor);
      return { type: 'TransferCase', ...details, actor: context.actor, now };
    });
  }
}
