import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import { referralDecider, type ReferralCommand } from '@nrm/case/tracks/referral/referral.decider';

/** Any referral command on a case: refer, decide victim status, request a review (the decider's rules). */
export class ReferralCommandMessage extends CaseCommandMessage<ReferralCommand> {}

@CommandHandler(ReferralCommandMessage)
export class ReferralCommandHandler extends CaseCommandHandler<ReferralCommand> {
  protected readonly decider = referralDecider;
}
