import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandDerivedId } from '@nrm/event-store';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { Environment } from '@nrm/platform/config/environment';
import {
  reflectionPeriodDecider,
  type StartReflectionPeriod,
} from '@nrm/case/tracks/reflection-period/reflection-period.decider';

export class StartReflectionPeriodCommand {
  constructor(
    readonly caseId: string,
    /** ISO 8601 with zone, when recorded late; default now. */
    readonly startedAt: string | undefined,
    /** Default: REFLECTION_PERIOD_DAYS from the configuration. */
    readonly days: number | undefined,
    readonly context: CaseCommandContext,
  ) {}
}

export interface StartReflectionPeriodResult extends CaseCommandResult {
  periodId: string;
}

@CommandHandler(StartReflectionPeriodCommand)
export class StartReflectionPeriodHandler implements ICommandHandler<
  StartReflectionPeriodCommand,
  StartReflectionPeriodResult
> {
  constructor(
    private readonly cases: CaseCommands,
    private readonly env: Environment,
  ) {}

  async execute({
    caseId,
    startedAt,
    days,
    context,
  }: StartReflectionPeriodCommand): Promise<StartReflectionPeriodResult> {
    const periodId = commandDerivedId('reflection-period');
    const result = await this.cases.run(
      caseId,
      context,
      reflectionPeriodDecider,
      (state, now): StartReflectionPeriod => {
        assertVisible(state, caseId, context.actor);
        return {
          type: 'StartReflectionPeriod',
          periodId,
          ...(startedAt === undefined ? {} : { startedAt }),
          days: days ?? this.env.REFLECTION_PERIOD_DAYS,
          actor: context.actor,
          now,
        };
      },
    );
    return { ...result, periodId };
  }
}
