import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import type { RecordReferralConsent } from '../domain/identification.decider';
import { identificationDecider } from './identification-decider';

export class RecordReferralConsentCommand {
  constructor(
    readonly caseId: string,
    readonly consentToReferral: boolean,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(RecordReferralConsentCommand)
export class RecordReferralConsentHandler implements ICommandHandler<RecordReferralConsentCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ caseId, consentToReferral, context }: RecordReferralConsentCommand): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, identificationDecider, (state, now): RecordReferralConsent => {
      assertVisible(state, caseId, context.actor);
      return { type: 'RecordReferralConsent', consentToReferral, actor: context.actor, now };
    });
  }
}
