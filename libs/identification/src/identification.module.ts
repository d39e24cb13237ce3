import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GetCaseHandler, GetCaseTimelineHandler, ListCasesHandler } from './application/case-queries';
import { CaseCommands } from './application/case-commands';
import { CaseNumbers } from './application/case-numbers';
import { OpenCaseHandler } from './application/open-case';
import { RecordReferralConsentHandler } from './application/record-referral-consent';
import { CasesController } from './http/cases.controller';
import { IndicatorsController } from './http/indicators.controller';
import { CaseSummaryEntity } from './read-models/case-summary.entity';
import { CaseTimelineEntryEntity } from './read-models/case-timeline-entry.entity';

/** Identification: opening cases, reading them back, the indicator catalogue. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([CaseSummaryEntity, CaseTimelineEntryEntity])],
  controllers: [CasesController, IndicatorsController],
  providers: [
    CaseCommands,
    CaseNumbers,
    OpenCaseHandler,
    RecordReferralConsentHandler,
    GetCaseHandler,
    ListCasesHandler,
    GetCaseTimelineHandler,
  ],
})
export class IdentificationModule {}
