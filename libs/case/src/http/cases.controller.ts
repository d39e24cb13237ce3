import { Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor } from '@nrm/platform';
import { ApiController, Endpoint, ReadsFrom } from '@nrm/platform/http';
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
import { CASES_OPENAPI } from './cases.openapi';
import { ListCasesDto } from './list-cases.dto';

@ApiController('cases', 'cases')
export class CasesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readAudit: CaseReadAudit,
  ) {}

  @Get()
  @ReadsFrom((actor) => caseReadProjections(actor, CASE_SUMMARIES_PROJECTION))
  @Endpoint({
    roles: CASE_READER_ROLES,
    summary: 'List the cases the caller may see',
    description: CASES_OPENAPI.list,
    ok: {
      description: '{ items, page, pageSize, total }; every item has `view`: full | care',
      schema: CASE_LIST_SCHEMA,
    },
  })
  async list(@Query() filters: ListCasesDto, @CurrentActor() actor: Actor) {
    const page = await this.queries.execute(new ListCasesQuery(filters.caseFilters(), actor));
    // Lists show names: every case listed is a read of its personal data.
    const listed = (page as { items: { id: string }[] }).items.map((item) => item.id);
    await this.readAudit.recordReads(actor, 'GET /cases', listed);
    return page;
  }

  @Get(':id')
  @ReadsFrom((actor) => caseReadProjections(actor, CASE_SUMMARIES_PROJECTION))
  @Endpoint({
    roles: CASE_READER_ROLES,
    summary: 'Read a case',
    description: CASES_OPENAPI.get,
    ok: { description: 'The case, `view`: full | care', schema: CASE_PAGE_SCHEMA },
    notFound: 'No such case, or not visible to the caller',
  })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: CaseAsOfDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView | CaseAsOfView> {
    const asOf = read.asOf ? new Date(read.asOf) : null;
    const view: CaseView | CaseAsOfView = await this.queries.execute(
      asOf ? new GetCaseAsOfQuery(id, asOf, actor) : new GetCaseQuery(id, actor),
    );
    await this.readAudit.recordReads(actor, 'GET /cases/{id}', [view.id], asOf);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/timeline')
  @ReadsFrom([CASE_SUMMARIES_PROJECTION, CASE_TIMELINE_PROJECTION])
  @Endpoint({
    roles: CASE_HISTORY_READER_ROLES,
    summary: 'Every event of a case in readable form: what, who, which organisation, when',
    description: CASES_OPENAPI.timeline,
  })
  async timeline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: CaseAsOfDto,
    @CurrentActor() actor: Actor,
  ) {
    const asOf = read.asOf ? new Date(read.asOf) : undefined;
    const timeline: unknown = await this.queries.execute(new GetCaseTimelineQuery(id, actor, asOf));
    await this.readAudit.recordReads(actor, 'GET /cases/{id}/timeline', [id], asOf ?? null);
    return timeline;
  }
}
