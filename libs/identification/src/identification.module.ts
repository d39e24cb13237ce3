import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { AppointGuardianHandler } from './application/appoint-guardian';
import { CaseNumbers } from './application/case-numbers';
import { NotifyChildProtectionHandler } from './application/notify-child-protection';
import { OpenCaseHandler } from './application/open-case';
import { RecordReferralConsentHandler } from './application/record-referral-consent';
import { ChildCaseController } from './http/child-case.controller';
import { IdentificationController } from './http/identification.controller';
import { IndicatorsController } from './http/indicators.controller';

/** Identification: opening cases, consent to referral, child-case steps, the indicator catalogue. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [IdentificationController, ChildCaseController, IndicatorsController],
  providers: [
    CaseNumbers,
    OpenCaseHandler,
    RecordReferralConsentHandler,
    NotifyChildProtectionHandler,
    AppointGuardianHandler,
  ],
})
export class IdentificationModule {}
