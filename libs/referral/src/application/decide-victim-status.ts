import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { type DecideVictimStatus, referralDecider } from '../domain/referral.decider';

/** The decision as the competent authority gives it (what DecideVictimStatus holds but who and when). */
export type VictimStatusDecision = DecideVictimStatus extends infer C
  ? C extends DecideVictimStatus
    ? Omit<C, 'type' | 'actor' | 'now'>
    : never
  : never;

export class DecideVictimStatusCommand {
  constructor(
    readonly caseId: string,
    readonly decision: VictimStatusDecision,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(DecideVictimStatusCommand)
export class DecideVictimStatusHandler implements ICommandHandler<DecideVictimStatusCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, decision, context }: DecideVictimStatusCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, referralDecider, (state, now): DecideVictimStatus => {
      assertVisible(state, caseId, context.actor);
      return { type: 'DecideVictimStatus', ...decision, actor: context.actor, now };
    });
  }
}
