import { CommandHandler } from '@nestjs/cqrs';
import { ApprovalGate, type ApprovalRequestResult, type GatedAppend } from '@nrm/approvals/application/approval-gate';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import { type CaseCommandContext, type CaseCommandResult, CaseCommands } from '@nrm/case/application/case-commands';
import { PlacementClosure } from '@nrm/shelter/application/placement-closure';
import {
  caseLifecycleDecider,
  type CloseCase,
  type ReopenCase,
  type TransferCase,
} from '../domain/case-lifecycle.decider';

/** Close, reopen or transfer a case (the decider's rules). The erasure has a handler of its own. */
type LifecycleCommand = CloseCase | ReopenCase | TransferCase;

export class CaseLifecycleCommandMessage extends CaseCommandMessage<LifecycleCommand> {}

/**
 * A closure acts on the case's placements too (a closed case holds no bed and has no request
 * pending, DESIGN §3.7). There is no transaction over the case's and the shelters' streams, so:
 * every refusal of the closure is given first, with nothing written; then the open placements are
 * ended on their shelters' streams (where an accept racing the closure is settled); then the case
 * is closed; then a request that landed meanwhile is ended too. Should the process stop half-way,
 * the case is still open with its placements ended (the closure is simply repeated), or closed with
 * a late request left (which an accept refuses: the case is closed).
 */
@CommandHandler(CaseLifecycleCommandMessage)
export class CaseLifecycleCommandHandler extends CaseCommandHandler<LifecycleCommand> {
  protected readonly decider = caseLifecycleDecider;

  constructor(
    cases: CaseCommands,
    private readonly placements: PlacementClosure,
    private readonly approvals: ApprovalGate,
  ) {
    super(cases);
    approvals.register({
      name: 'CloseCase',
      decider: this.decider,
      around: (caseId, context, append) => this.closeAround(caseId, context, append),
    });
  }

  override async execute(message: CaseLifecycleCommandMessage): Promise<CaseCommandResult | ApprovalRequestResult> {
    if (message.command.type !== 'CloseCase') return super.execute(message);
    const { caseId, command, context } = message;
    const gated = await this.approvals.intercept('CloseCase', caseId, command, context);
    if (gated !== 'proceed') return gated;
    return this.closeAround(caseId, context, {
      check: () => this.cases.assertWouldDecide(caseId, context, this.decider, command),
      append: () => super.execute(message),
    });
  }

  /** The closure's order (above), for a closure asked directly and one whose approval is granted. */
  private async closeAround(
    caseId: string,
    context: CaseCommandContext,
    { check, append }: GatedAppend,
  ): Promise<CaseCommandResult> {
    await check();
    await this.placements.endPlacementsOf(caseId, context);
    const closed = await append();
    const late = await this.placements.endPlacementsOf(caseId, context);
    return late === null ? closed : { ...closed, position: late };
  }
}
