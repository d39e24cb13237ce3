import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import { reintegrationDecider, type ReintegrationCommand } from '@nrm/case/tracks/reintegration/reintegration.decider';

/** Any reintegration command on a case (the decider says what each may do). */
export class ReintegrationCommandMessage extends CaseCommandMessage<ReintegrationCommand> {}

@CommandHandler(ReintegrationCommandMessage)
export class ReintegrationCommandHandler extends CaseCommandHandler<ReintegrationCommand> {
  protected readonly decider = reintegrationDecider;
}
