import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { PersonMatchingModule } from '@nrm/person-matching';
import { CaseNumbers } from './application/case-numbers';
import { IdentificationCommandHandler } from './application/identification-commands';
import { OpenCaseHandler } from './application/open-case';
import { ChildCaseController } from './http/child-case.controller';
import { IdentificationController } from './http/identification.controller';
import { IndicatorsController } from './http/indicators.controller';

/** Identification: opening cases, consent to referral, child-case steps, the indicator catalogue. */
@Module({
  imports: [CqrsModule, CaseModule, PersonMatchingModule],
  controllers: [IdentificationController, ChildCaseController, IndicatorsController],
  providers: [CaseNumbers, OpenCaseHandler, IdentificationCommandHandler],
})
export class IdentificationModule {}
