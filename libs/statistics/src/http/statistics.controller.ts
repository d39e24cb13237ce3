import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces } from '@nestjs/swagger';
import { CASE_SUMMARIES_PROJECTION } from '@nrm/case';
import { PERSON_LINKS_PROJECTION } from '@nrm/person-matching';
import { ApiController, Endpoint, ReadsFrom } from '@nrm/platform/http';
import type { Request, Response } from 'express';
import { GetStatisticsQuery, type Statistics } from '../application/statistics-queries';
import { toCtdcCsv } from '../domain/ctdc-csv';
import { StatisticsDto, StatisticsQueryDto } from './statistics.dto';
import { STATISTICS_OPENAPI } from './statistics.openapi';

/** GET /statistics: anonymised aggregates for analysts and coordinators. */
@ApiController('statistics', 'statistics')
export class StatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom([CASE_SUMMARIES_PROJECTION, PERSON_LINKS_PROJECTION])
  @Endpoint({
    roles: ['analyst', 'coordinator'],
    summary: 'Anonymised statistics: people by year and dimension, small cells suppressed',
    description: STATISTICS_OPENAPI.get,
    ok: { type: StatisticsDto, description: 'JSON, or text/csv as described' },
    forbidden: 'Any role but analyst and coordinator',
  })
  @ApiProduces('application/json', 'text/csv')
  async get(
    @Query() query: StatisticsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Statistics | string> {
    const statistics: Statistics = await this.queries.execute(new GetStatisticsQuery());
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Vary', 'Accept');
    if (!query.wantsCsv(request.accepts(['application/json', 'text/csv']))) return statistics;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    const day = statistics.generatedAt.slice(0, 10);
    response.setHeader('Content-Disposition', `attachment; filename="nrm-statistics-${day}.csv"`);
    return toCtdcCsv(statistics);
  }
}
