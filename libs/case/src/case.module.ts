import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCommands } from './application/case-commands';
import { GetCaseHandler, GetCaseTimelineHandler, ListCasesHandler } from './application/case-queries';
import { CasesController } from './http/cases.controller';
import { CaseSummaryEntity } from './read-models/case-summary.entity';
import { CaseTimelineEntryEntity } from './read-models/case-timeline-entry.entity';

/** The case file every context works on: reading cases back, and the runner of case commands. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([CaseSummaryEntity, CaseTimelineEntryEntity])],
  controllers: [CasesController],
  providers: [CaseCommands, GetCaseHandler, ListCasesHandler, GetCaseTimelineHandler],
  exports: [CaseCommands],
})
export class CaseModule {}
