import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiController, Endpoint, ReadsFrom } from '@nrm/platform/http';
import { type AccessLogPage, GetCaseAccessLogQuery } from '../application/case-access-log';
import { CASE_DISCLOSURES_PROJECTION } from '../read-models/case-disclosures.projection';
import { CASE_SUMMARIES_PROJECTION } from '../read-models/case-summaries.projection';
import { AccessLogPageDto, AccessLogQueryDto } from './case-access-log.dto';
import { CASE_ACCESS_LOG_OPENAPI } from './cases.openapi';

/** GET /cases/{id}/access-log: who read the case's personal data, and to whom it was disclosed. */
@ApiController('cases', 'cases')
export class CaseAccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/access-log')
  @ReadsFrom([CASE_SUMMARIES_PROJECTION, CASE_DISCLOSURES_PROJECTION])
  @Endpoint({
    roles: ['coordinator'],
    summary: "Who read or received a case's personal data",
    description: CASE_ACCESS_LOG_OPENAPI.accessLog,
    ok: { type: AccessLogPageDto },
    forbidden: 'Any role but coordinator',
    notFound: 'No such case',
  })
  async accessLog(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogPage> {
    return this.queries.execute(new GetCaseAccessLogQuery(id, query.page, query.pageSize));
  }
}
