import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@nrm/platform';
import { ReadYourWrites } from '@nrm/platform/http';
import type { Actor } from '@nrm/shared-kernel';
import type { Response } from 'express';
import { CASE_HISTORY_READER_ROLES, CASE_READER_ROLES, caseReadProjections } from '../application/case-access';
import { type CaseAsOfView, GetCaseAsOfQuery } from '../application/case-history';
import { type CaseView, GetCaseQuery, GetCaseTimelineQuery, ListCasesQuery } from '../application/case-queries';
import { CASE_SUMMARIES_PROJECTION } from '../read-models/case-summaries.projection';
import { CASE_TIMELINE_PROJECTION } from '../read-models/case-timeline.projection';
import { CaseReadAudit } from '../application/case-read-audit';
import { CASE_LIST_SCHEMA, CASE_PAGE_SCHEMA } from './case-page.schema';
import { CaseAsOfDto } from './case-as-of.dto';
import { ListCasesDto } from './list-cases.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
    private readonly readAudit: CaseReadAudit,
  ) {}

  @Get()
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'List the cases the caller may see',
    description:
      'Newest first, paginated; filters by stage, status, organisation, deadline, child flag and case number. ' +
      'Need to know: coordinators and the competent authority see every case; first responders the cases ' +
      'their organisation owns; case workers those their organisation owns or that were referred to it; ' +
      'shelter staff the cases with a requested, accepted or checked-in placement at a shelter their ' +
      'organisation operates. Nothing else is listed or counted. Each item says its `view`: `full`, or ' +
      '`care` for shelter staff (id, caseNumber, revision, stage, status, isChild, displayName, ' +
      'personalDataErased and the latest placement at its own shelters only: no exploitation types, no owner, ' +
      'no deadlines). Items carry the stage derived from the tracks, the tracks active now, the next deadline ' +
      'of any kind and the latest placement. Filters: `stage` (the derived stage), `track` (any track the ' +
      'case is in now), `deadlineDueBefore` (an open deadline of any kind due before), `deadlineKind`. ' +
      'Analysts and admins: 403.',
  })
  @ApiOkResponse({
    description: '{ items, page, pageSize, total }; every item has `view`: full | care',
    schema: CASE_LIST_SCHEMA,
  })
  async list(
    @Query() filters: ListCasesDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.readYourWrites.waitFor(
      caseReadProjections(actor, CASE_SUMMARIES_PROJECTION),
      filters.minPosition,
      response,
    );
    const page = await this.queries.execute(
      new ListCasesQuery(
        {
          stage: filters.stage,
          track: filters.track,
          deadlineKind: filters.deadlineKind,
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
    // Lists show names: every case listed is a read of its personal data.
    const listed = (page as { items: { id: string }[] }).items.map((item) => item.id);
    await this.readAudit.recordReads(actor, 'GET /cases', listed);
    return page;
  }

  @Get(':id')
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'Read a case',
    description:
      'ETag carries the stream revision, for If-Match on commands. A case the caller may not see is 404, exactly ' +
      'as one that does not exist (same rules as GET /cases). `view` says how much is shown: `full`, or `care` ' +
      'for shelter staff: name, date of birth or estimated age, languages (person), age at identification, sex, ' +
      'citizenship, urgent needs, child flag, stage, status, case number and revision; never the narrative, ' +
      'indicators, exploitation types, identification circumstances, who opened it or who owns it. ' +
      'The page shows every track of the case (`tracks`: consent, child protection, referral, status decision, ' +
      'reflection period, placements, repatriation, reintegration, closure), the tracks active now, the open ' +
      'deadlines (the deadline board) and who holds the case; the care view adds only its placements, a ' +
      "child's guardian and notice, and the shelter deadlines its organisation answers for. " +
      'With `asOf`: the case as recorded at that instant (README "The case as of any moment"): the same ' +
      'view, `asOf` echoed, the ETag and revision of then, no deadline board (`openDeadlines` and ' +
      '`nextDeadline` null: the board has no past; the dates that governed are in the tracks). ' +
      'Analysts and admins: 403.',
  })
  @ApiOkResponse({ description: 'The case, `view`: full | care', schema: CASE_PAGE_SCHEMA })
  @ApiNotFoundResponse({ description: 'No such case, or not visible to the caller' })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: CaseAsOfDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView | CaseAsOfView> {
    await this.readYourWrites.waitFor(
      caseReadProjections(actor, CASE_SUMMARIES_PROJECTION),
      read.minPosition,
      response,
    );
    const asOf = read.asOf ? new Date(read.asOf) : null;
    const view: CaseView | CaseAsOfView = await this.queries.execute(
      asOf ? new GetCaseAsOfQuery(id, asOf, actor) : new GetCaseQuery(id, actor),
    );
    await this.readAudit.recordReads(actor, 'GET /cases/{id}', [view.id], asOf);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/timeline')
  @AllowRoles(...CASE_HISTORY_READER_ROLES)
  @ApiOperation({
    summary: 'Every event of a case in readable form: what, who, which organisation, when',
    description:
      'Only for those who see the case in full (404 otherwise, exactly as for a missing case); shelter ' +
      'staff, analysts and admins: 403. With `asOf`: only the entries recorded up to that instant (404 when ' +
      'none was); `at` is when each was recorded.',
  })
  async timeline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: CaseAsOfDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.readYourWrites.waitFor(
      [CASE_SUMMARIES_PROJECTION, CASE_TIMELINE_PROJECTION],
      read.minPosition,
      response,
    );
    const asOf = read.asOf ? new Date(read.asOf) : undefined;
    const timeline: unknown = await this.queries.execute(new GetCaseTimelineQuery(id, actor, asOf));
    await this.readAudit.recordReads(actor, 'GET /cases/{id}/timeline', [id], asOf ?? null);
    return timeline;
  }
}
