import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { CaseNumbers } from './application/case-numbers';
import { OpenCaseHandler } from './application/open-case';
import { RecordReferralConsentHandler } from './application/record-referral-consent';
import { IdentificationController } from './http/identification.controller';
import { IndicatorsController } from './http/indicators.controller';

/** Identification: opening cases, consent to referral, the indicator catalogue. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [IdentificationController, IndicatorsController],
  providers: [CaseNumbers, OpenCaseHandler, RecordReferralConsentHandler],
})
export class IdentificationModule {}
