import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import { repatriationDecider, type RepatriationCommand } from '@nrm/case/tracks/repatriation/repatriation.decider';

/** Any repatriation command on a case (the decider says what each may do). */
export class RepatriationCommandMessage extends CaseCommandMessage<RepatriationCommand> {}

@CommandHandler(RepatriationCommandMessage)
export class RepatriationCommandHandler extends CaseCommandHandler<RepatriationCommand> {
  protected readonly decider = repatriationDecider;
}
