import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles } from '@nrm/platform';
import { ReadYourWrites } from '@nrm/platform/http';
import type { Response } from 'express';
import { type AccessLogPage, GetCaseAccessLogQuery } from '../application/case-access-log';
import { CASE_DISCLOSURES_PROJECTION } from '../read-models/case-disclosures.projection';
import { CASE_SUMMARIES_PROJECTION } from '../read-models/case-summaries.projection';
import { AccessLogPageDto, AccessLogQueryDto } from './case-access-log.dto';

/** GET /cases/{id}/access-log: who read the case's personal data, and to whom it was disclosed. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseAccessLogController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':id/access-log')
  @AllowRoles('coordinator')
  @ApiOperation({
    summary: "Who read or received a case's personal data",
    description:
      'Coordinators only. Every read of the case (who, which organisation, when, through which endpoint: ' +
      'GET /cases/{id}, GET /cases/{id}/timeline, GET /cases for each case listed, GET /shelters/{id} for each ' +
      'placement shown) and every disclosure to another organisation (referral, transfer, placement, ' +
      'child-protection notification: the recipient and the categories of data it received), oldest first, ' +
      'paginated. Reads are recorded by the API in the request and never edited; disclosures are projected ' +
      "from the events (pass a command's `position` as minPosition to see its disclosure). Reading the access " +
      'log is not itself recorded: it holds no personal data of the victim.',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiForbiddenResponse({ description: 'Any role but coordinator' })
  @ApiNotFoundResponse({ description: 'No such case' })
  async accessLog(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AccessLogQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccessLogPage> {
    await this.readYourWrites.waitFor(
      [CASE_SUMMARIES_PROJECTION, CASE_DISCLOSURES_PROJECTION],
      query.minPosition,
      response,
    );
    return this.queries.execute(new GetCaseAccessLogQuery(id, query.page, query.pageSize));
  }
}
