import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseSummaryEntity } from '@nrm/case';
import { GetStatisticsHandler } from './application/statistics-queries';
import { StatisticsController } from './http/statistics.controller';

/** Anonymised statistics over the case summaries (no table of its own: it reads what erasure leaves). */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([CaseSummaryEntity])],
  controllers: [StatisticsController],
  providers: [GetStatisticsHandler],
})
export class StatisticsModule {}
