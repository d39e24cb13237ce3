import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import type { ReflectionPeriodOutcome } from '@nrm/case/domain';
import { type EndReflectionPeriod, reflectionPeriodDecider } from '../domain/reflection-period.decider';

export class EndReflectionPeriodCommand {
  constructor(
    readonly caseId: string,
    readonly outcome: ReflectionPeriodOutcome,
    readonly note: string | undefined,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(EndReflectionPeriodCommand)
export class EndReflectionPeriodHandler implements ICommandHandler<EndReflectionPeriodCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, outcome, note, context }: EndReflectionPeriodCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, reflectionPeriodDecider, (state, now): EndReflectionPeriod => {
      assertVisible(state, caseId, context.actor);
      return {
        type: 'EndReflectionPeriod',
        outcome,
        ...(note === undefined ? {} : { note }),
        actor: context.actor,
        now,
      };
    });
  }
}
