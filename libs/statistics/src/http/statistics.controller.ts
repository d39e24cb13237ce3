import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CASE_SUMMARIES_PROJECTION } from '@nrm/case';
import { PERSON_LINKS_PROJECTION } from '@nrm/person-matching';
import { AllowRoles } from '@nrm/platform';
import { ReadYourWrites } from '@nrm/platform/http';
import type { Request, Response } from 'express';
import { GetStatisticsQuery, type Statistics } from '../application/statistics-queries';
import { toCtdcCsv } from '../domain/ctdc-csv';
import { StatisticsDto, StatisticsQueryDto } from './statistics.dto';

/** GET /statistics: anonymised aggregates for analysts and coordinators. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @AllowRoles('analyst', 'coordinator')
  @ApiOperation({
    summary: 'Anonymised statistics: people by year and dimension, small cells suppressed',
    description:
      'Counts people (distinct persons; a person with several cases, or cases a coordinator linked as one person ' +
      '(POST /possible-duplicates/{id}/link), is described by their latest case) by year ' +
      'of identification and by exploitation type, sex, age group (CTDC ageBroad brackets), citizenship, ' +
      'referring organisation type (the type of the organisation that identified the person), stage and ' +
      'outcome (victim-status decision granted / refused / pending, and whether the case is closed, e.g. ' +
      '`granted-closed`). Each dimension comes as a one-way table (`overall`) and a cross-tab by year ' +
      '(`byYear`), with the grand total and the year totals. Only non-personal attributes are read, none of ' +
      'which an erasure removes, so an erased person is still counted.\n\n' +
      'Suppression: a count under k people (STATISTICS_MIN_CELL, at least 11) is shown as "<k"; so is every ' +
      'cell that would let a reader recover one by subtraction from a published total or margin ' +
      '(complementary suppression, checked across all the tables together). exploitationType is ' +
      'multi-valued: a person counts in each of their types, so its cells do not add up to the totals.\n\n' +
      'CSV (`?format=csv` or `Accept: text/csv`): long format `yearOfRegistration,variable,value,count`, one ' +
      'row per published cell, with the variable names of the Counter Trafficking Data Collaborative global ' +
      'dataset (HTCDS): gender, ageBroad, citizenship, and the exploitation flags isSexualExploit, ' +
      'isForcedLabour, isForcedMarriage, isOrganRemoval, isOtherExploit, typeOfLabourDomesticWork, ' +
      'typeOfLabourBegging, typeOfLabourIllicitActivities (value 1); NRM extensions referringOrganisationType, ' +
      'caseStage, outcome, typeOfExploitNotSpecified. An empty yearOfRegistration means all years; an empty ' +
      'variable and value mean everyone (the totals). Suppressed counts are "<k". ' +
      'Other roles: 403.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StatisticsDto, description: 'JSON, or text/csv as described' })
  @ApiForbiddenResponse({ description: 'Any role but analyst and coordinator' })
  async get(
    @Query() query: StatisticsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Statistics | string> {
    await this.readYourWrites.waitFor(
      [CASE_SUMMARIES_PROJECTION, PERSON_LINKS_PROJECTION],
      query.minPosition,
      response,
    );
    const statistics: Statistics = await this.queries.execute(new GetStatisticsQuery());
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Vary', 'Accept');
    const csv =
      query.format === 'csv' ||
      (query.format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!csv) return statistics;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="nrm-statistics-${statistics.generatedAt.slice(0, 10)}.csv"`,
    );
    return toCtdcCsv(statistics);
  }
}
