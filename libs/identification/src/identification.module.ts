import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { PersonMatchingModule } from '@nrm/person-matching';
import { CaseNumbers } from './application/case-numbers';
import { ChildCaseController, IdentificationController } from './http/identification.commands';
import { IndicatorsController } from './http/indicators.controller';

/** Identification: opening cases, consent to referral, child-case steps, the indicator catalogue. */
@Module({
  imports: [CaseModule, PersonMatchingModule],
  controllers: [IdentificationController, ChildCaseController, IndicatorsController],
  providers: [CaseNumbers],
})
export class IdentificationModule {}
