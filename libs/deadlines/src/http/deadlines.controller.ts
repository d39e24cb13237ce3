import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CASE_READER_ROLES, CASE_SUMMARIES_PROJECTION } from '@nrm/case';
import { CurrentActor } from '@nrm/platform';
import { ApiController, Endpoint, ReadsFrom } from '@nrm/platform/http';
import type { Actor } from '@nrm/shared-kernel';
import { type DeadlineList, ListDeadlinesQuery } from '../application/deadline-queries';
import { DEADLINES_PROJECTION } from '../read-models/deadlines.projection';
import { DEADLINES_OPENAPI } from './deadlines.openapi';
import { ListDeadlinesDto } from './list-deadlines.dto';

/** GET /deadlines: the deadline board. */
@ApiController('deadlines', 'deadlines')
export class DeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom([DEADLINES_PROJECTION, CASE_SUMMARIES_PROJECTION])
  @Endpoint({
    roles: CASE_READER_ROLES,
    summary: 'The deadline board: upcoming and overdue deadlines',
    description: DEADLINES_OPENAPI.list,
    ok: { description: '{ items, page, pageSize, total }' },
    forbidden: 'Analysts and admins',
  })
  list(@Query() filters: ListDeadlinesDto, @CurrentActor() actor: Actor): Promise<DeadlineList> {
    return this.queries.execute(new ListDeadlinesQuery(filters.deadlineFilters(), actor));
  }
}
