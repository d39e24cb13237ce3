import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCommands } from './application/case-commands';
import { GetCaseAsOfHandler } from './application/case-history';
import { GetCaseHandler, GetCaseTimelineHandler, ListCasesHandler } from './application/case-queries';
import { GetCaseAccessLogHandler } from './application/case-access-log';
import { CaseReadAudit } from './application/case-read-audit';
import { CaseReadLogEntity } from './application/case-read-log.entity';
import { CaseAccessLogController } from './http/case-access-log.controller';
import { CasesController } from './http/cases.controller';
import { CaseDisclosureEntity, CaseDisclosureShelterEntity } from './read-models/case-disclosure.entity';
import { CaseSummaryEntity } from './read-models/case-summary.entity';
import { CaseTimelineEntryEntity } from './read-models/case-timeline-entry.entity';

/** The case file every context works on: reading cases back, and the runner of case commands. */
@Module({
  imports: [
    CqrsModule,
    TypeOrmModule.forFeature([
      CaseSummaryEntity,
      CaseTimelineEntryEntity,
      CaseReadLogEntity,
      CaseDisclosureEntity,
      CaseDisclosureShelterEntity,
    ]),
  ],
  controllers: [CasesController, CaseAccessLogController],
  providers: [
    CaseCommands,
    GetCaseHandler,
    GetCaseAsOfHandler,
    ListCasesHandler,
    GetCaseTimelineHandler,
    CaseReadAudit,
    GetCaseAccessLogHandler,
  ],
  exports: [CaseCommands, CaseReadAudit],
})
export class CaseModule {}
