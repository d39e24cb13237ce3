import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { ReadYourWritesDto } from '@nrm/platform/http/read-your-writes.dto';
import { ReadYourWrites } from '@nrm/platform/http/read-your-writes';
import type { Actor } from '@nrm/shared-kernel';
import type { Response } from 'express';
import { CASE_READER_ROLES } from '../application/case-access';
import { type CaseView, GetCaseQuery, GetCaseTimelineQuery, ListCasesQuery } from '../application/case-queries';
import { CASE_SUMMARIES_PROJECTION } from '../read-models/case-summaries.projection';
import { CASE_TIMELINE_PROJECTION } from '../read-models/case-timeline.projection';
import { ListCasesDto } from './list-cases.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'List the cases the caller may see',
    description:
      'Newest first, paginated; filters by stage, status, organisation, deadline, child flag and case number.',
  })
  async list(
    @Query() filters: ListCasesDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.readYourWrites.waitFor([CASE_SUMMARIES_PROJECTION], filters.minPosition, response);
    return this.queries.execute(
      new ListCasesQuery(
        {
          stage: filters.stage,
          status: filters.status,
          organisationId: filters.org,
          deadlineDueBefore: filters.deadlineDueBefore ? new Date(filters.deadlineDueBefore) : undefined,
          child: filters.child,
          caseNumber: filters.q,
          page: filters.page,
          pageSize: filters.pageSize,
        },
        actor,
      ),
    );
  }

  @Get(':id')
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'Read a case',
    description: 'ETag carries the stream revision, for If-Match on commands. A case the caller may not see is 404.',
  })
  @ApiOkResponse({ description: 'The case' })
  @ApiNotFoundResponse({ description: 'No such case, or not visible to the caller' })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: ReadYourWritesDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    await this.readYourWrites.waitFor([CASE_SUMMARIES_PROJECTION], read.minPosition, response);
    const view: CaseView = await this.queries.execute(new GetCaseQuery(id, actor));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/timeline')
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({ summary: 'Every event of a case in readable form: what, who, which organisation, when' })
  async timeline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: ReadYourWritesDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.readYourWrites.waitFor(
      [CASE_SUMMARIES_PROJECTION, CASE_TIMELINE_PROJECTION],
      read.minPosition,
      response,
    );
    return this.queries.execute(new GetCaseTimelineQuery(id, actor));
  }
}
