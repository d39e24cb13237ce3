import { type CaseCommandResult, CaseCommands } from '../../application/case-commands';
import { commandDerivedId } from '@nrm/event-store';
import { type CommandContext, type CommandDefinition, type CommandServices, Environment } from '@nrm/platform';
import {
  type ExpireReflectionPeriod,
  reflectionPeriodDecider,
  type StartReflectionPeriod,
} from './reflection-period.decider';

export interface StartReflectionPeriodResult extends CaseCommandResult {
  periodId: string;
}

/**
 * Starts a period under a new id (derived from the Idempotency-Key, so a retry addresses the same
 * period), of the configured REFLECTION_PERIOD_DAYS unless the caller gives its length.
 */
export async function startReflectionPeriod(
  { id: caseId, body }: { id: string; body: { startedAt?: string | undefined; days?: number | undefined } },
  context: CommandContext,
  services: CommandServices,
): Promise<StartReflectionPeriodResult> {
  const periodId = commandDerivedId('reflection-period');
  const days = body.days ?? services(Environment).REFLECTION_PERIOD_DAYS;
  const result = await services(CaseCommands).runOnVisibleCase<StartReflectionPeriod>(
    caseId,
    context,
    reflectionPeriodDecider,
    {
      type: 'StartReflectionPeriod',
      periodId,
      ...(body.startedAt === undefined ? {} : { startedAt: body.startedAt }),
      days,
    },
  );
  return { ...result, periodId };
}

/** The system ends a period whose time is up (the deadline worker, libs/deadlines). */
export const expireReflectionPeriod: CommandDefinition<
  { caseId: string; periodId: string; expiredAt: string },
  CaseCommandResult
> = {
  name: 'ExpireReflectionPeriod',
  execute: ({ caseId, periodId, expiredAt }, context, services) =>
    services(CaseCommands).run(caseId, context, reflectionPeriodDecider, (_state, now): ExpireReflectionPeriod => ({
      type: 'ExpireReflectionPeriod',
      periodId,
      expiredAt,
      actor: context.actor,
      now,
    })),
};
