import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { type ReferCase, referralDecider } from '../domain/referral.decider';

export class ReferCaseCommand {
  constructor(
    readonly caseId: string,
    readonly details: Pick<ReferCase, 'competentAuthorityOrgId' | 'note'>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(ReferCaseCommand)
export class ReferCaseHandler implements ICommandHandler<ReferCaseCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, details, context }: ReferCaseCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, referralDecider, (state, now): ReferCase => {
      assertVisible(state, caseId, context.actor);
      return {
        type: 'ReferCase',
        competentAuthorityOrgId: details.competentAuthorityOrgId,
        ...(details.note === undefined ? {} : { note: details.note }),
        actor: context.actor,
        now,
      };
    });
  }
}
