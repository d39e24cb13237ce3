import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import type {
  AppointGuardian,
  NotifyChildProtection,
  RecordReferralConsent,
} from '@nrm/case/tracks/identification/identification.decider';
import { identificationDecider } from './identification-decider';

/** The identification commands on an open case (opening one has a handler of its own). */
type CaseIdentificationCommand = RecordReferralConsent | NotifyChildProtection | AppointGuardian;

export class IdentificationCommandMessage extends CaseCommandMessage<CaseIdentificationCommand> {}

@CommandHandler(IdentificationCommandMessage)
export class IdentificationCommandHandler extends CaseCommandHandler<CaseIdentificationCommand> {
  protected readonly decider = identificationDecider;
}
