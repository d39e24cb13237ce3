import { CommandHandler } from '@nestjs/cqrs';
import { ApprovalGate, type ApprovalRequestResult } from '@nrm/approvals/application/approval-gate';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import { type CaseCommandResult, CaseCommands } from '@nrm/case/application/case-commands';
import { reintegrationDecider, type ReintegrationCommand } from '../domain/reintegration.decider';

/** Any reintegration command on a case (the decider says what each may do). */
export class ReintegrationCommandMessage extends CaseCommandMessage<ReintegrationCommand> {}

/** The plan's adoption may need a supervisor's approval (APPROVAL_REQUIRED_COMMANDS): the gate says. */
@CommandHandler(ReintegrationCommandMessage)
export class ReintegrationCommandHandler extends CaseCommandHandler<ReintegrationCommand> {
  protected readonly decider = reintegrationDecider;

  constructor(
    cases: CaseCommands,
    private readonly approvals: ApprovalGate,
  ) {
    super(cases);
    approvals.register({ name: 'AdoptReintegrationPlan', decider: this.decider });
  }

  override async execute(message: ReintegrationCommandMessage): Promise<CaseCommandResult | ApprovalRequestResult> {
    const { caseId, command, context } = message;
    if (command.type === 'AdoptReintegrationPlan') {
      const gated = await this.approvals.intercept('AdoptReintegrationPlan', caseId, command, context);
      if (gated !== 'proceed') return gated;
    }
    return super.execute(message);
  }
}
