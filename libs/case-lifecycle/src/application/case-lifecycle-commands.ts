import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import {
  caseLifecycleDecider,
  type CloseCase,
  type ReopenCase,
  type TransferCase,
} from '../domain/case-lifecycle.decider';

/** Close, reopen or transfer a case (the decider's rules). The erasure has a handler of its own. */
type LifecycleCommand = CloseCase | ReopenCase | TransferCase;

export class CaseLifecycleCommandMessage extends CaseCommandMessage<LifecycleCommand> {}

@CommandHandler(CaseLifecycleCommandMessage)
export class CaseLifecycleCommandHandler extends CaseCommandHandler<LifecycleCommand> {
  protected readonly decider = caseLifecycleDecider;
}
