import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { type ExtendReflectionPeriod, reflectionPeriodDecider } from '../domain/reflection-period.decider';

export class ExtendReflectionPeriodCommand {
  constructor(
    readonly caseId: string,
    readonly days: number,
    readonly reason: string,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(ExtendReflectionPeriodCommand)
export class ExtendReflectionPeriodHandler implements ICommandHandler<
  ExtendReflectionPeriodCommand,
  CaseCommandResult
> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, days, reason, context }: ExtendReflectionPeriodCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, reflectionPeriodDecider, (state, now): ExtendReflectionPeriod => {
      assertVisible(state, caseId, context.actor);
      return { type: 'ExtendReflectionPeriod', days, reason, actor: context.actor, now };
    });
  }
}
