import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { IdempotentCommands } from '@nrm/platform/idempotency/idempotent-commands';
import { correlationIdOf } from '@nrm/platform/logging/logging';
import { ReadYourWritesDto } from '@nrm/platform/http/read-your-writes.dto';
import { ReadYourWrites } from '@nrm/platform/http/read-your-writes';
import { revisionFromIfMatch } from '@nrm/platform/http/if-match';
import type { Actor } from '@nrm/shared-kernel';
import type { Request, Response } from 'express';
import { CASE_READER_ROLES } from '../application/case-access';
import { type CaseView, GetCaseQuery, GetCaseTimelineQuery, ListCasesQuery } from '../application/case-queries';
import type { CaseCommandResult } from '../application/case-commands';
import { OpenCaseCommand, type OpenCaseResult } from '../application/open-case';
import { RecordReferralConsentCommand } from '../application/record-referral-consent';
import { CASE_SUMMARIES_PROJECTION } from '../read-models/case-summaries.projection';
import { CASE_TIMELINE_PROJECTION } from '../read-models/case-timeline.projection';
import { ListCasesDto } from './list-cases.dto';
import { OpenCaseDto, RecordConsentDto } from './open-case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly idempotency: IdempotentCommands,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowRoles('first-responder')
  @ApiOperation({
    summary: 'Identification: open a case for a presumed victim',
    description:
      'A first responder records the person, where and when they were found, the forms of exploitation, the ' +
      'indicators observed (codes of the current catalogue), urgent needs and consent to referral. A person under ' +
      '18 (from the date of birth or the estimated age at identification) makes a child case. The answer carries ' +
      'the new revision (also as ETag) and the global position of the event, to pass as minPosition on reads.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body: the first result again, nothing appended.',
  })
  @ApiCreatedResponse({
    description: 'Case opened',
    schema: { example: { caseId: '7a1c…', caseNumber: 'NRM-2026-000001', revision: 0, position: '42' } },
  })
  async open(
    @Body() body: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpenCaseResult> {
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(new OpenCaseCommand(body, { actor, correlationId: correlationIdOf(request) })),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    response.setHeader('Location', `/cases/${result.caseId}`);
    return result;
  }

  @Post(':id/consent')
  @HttpCode(200)
  @AllowRoles('first-responder', 'case-worker', 'coordinator')
  @ApiOperation({
    summary: 'Record consent to referral given or withdrawn',
    description:
      'Recording the consent the case already holds appends nothing. With If-Match, a case changed since it was ' +
      'read is refused with 412.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "0".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 1, position: '43' } },
  })
  async recordConsent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordConsentDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () =>
        this.commands.execute(
          new RecordReferralConsentCommand(id, body.consentToReferral, {
            actor,
            correlationId: correlationIdOf(request),
            expectedRevision,
          }),
        ),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }

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
