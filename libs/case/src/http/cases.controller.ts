import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor } from '@nrm/platform';
import { ApiController, Endpoint, ReadsFrom, RevisionETag } from '@nrm/platform/http';
import type { Actor } from '@nrm/shared-kernel';
import { CASE_HISTORY_READER_ROLES, CASE_READER_ROLES, caseReadProjections } from '../application/case-access';
import { type CaseAsOfView, GetCaseAsOfQuery } from '../application/case-history';
import { type CaseView, GetCaseQuery, GetCaseTimelineQuery, ListCasesQuery } from '../application/case-queries';
import { CASE_SUMMARIES_PROJECTION } from '../read-models/case-summaries.projection';
import { CASE_TIMELINE_PROJECTION } from '../read-models/case-timeline.projection';
import { CASE_LIST_SCHEMA, CASE_PAGE_SCHEMA } from './case-page.schema';
import { CaseAsOfDto } from './case-as-of.dto';
import { CASES_OPENAPI } from './cases.openapi';
import { ListCasesDto } from './list-cases.dto';
import { RecordsCaseReads } from './records-case-reads';

@ApiController('cases', 'cases')
export class CasesController {
  constructor(private readonly queries: QueryBus) {}

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
  // Lists show names: every case listed is a read of its personal data.
  @RecordsCaseReads('GET /cases', (page: { items: { id: string }[] }) => page.items.map((item) => item.id))
  list(@Query() filters: ListCasesDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListCasesQuery(filters.caseFilters(), actor));
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
  @RecordsCaseReads('GET /cases/{id}', (view: CaseView) => [view.id])
  @RevisionETag()
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() { asOf }: CaseAsOfDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseView | CaseAsOfView> {
    return this.queries.execute(asOf ? new GetCaseAsOfQuery(id, new Date(asOf), actor) : new GetCaseQuery(id, actor));
  }

  @Get(':id/timeline')
  @ReadsFrom([CASE_SUMMARIES_PROJECTION, CASE_TIMELINE_PROJECTION])
  @Endpoint({
    roles: CASE_HISTORY_READER_ROLES,
    summary: 'Every event of a case in readable form: what, who, which organisation, when',
    description: CASES_OPENAPI.timeline,
  })
  @RecordsCaseReads('GET /cases/{id}/timeline', (_timeline, request) => [String(request.params.id)])
  timeline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() { asOf }: CaseAsOfDto,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.queries.execute(new GetCaseTimelineQuery(id, actor, asOf ? new Date(asOf) : undefined));
  }
}
