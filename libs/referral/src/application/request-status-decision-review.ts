import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { referralDecider, type RequestStatusDecisionReview } from '../domain/referral.decider';

export class RequestStatusDecisionReviewCommand {
  constructor(
    readonly caseId: string,
    readonly reason: string,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(RequestStatusDecisionReviewCommand)
export class RequestStatusDecisionReviewHandler implements ICommandHandler<
  RequestStatusDecisionReviewCommand,
  CaseCommandResult
> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, reason, context }: RequestStatusDecisionReviewCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, referralDecider, (state, now): RequestStatusDecisionReview => {
      assertVisible(state, caseId, context.actor);
      return { type: 'RequestStatusDecisionReview', reason, actor: context.actor, now };
    });
  }
}
