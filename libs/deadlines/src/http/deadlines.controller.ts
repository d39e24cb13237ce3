import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_READER_ROLES, CASE_SUMMARIES_PROJECTION } from '@nrm/case';
import { AllowRoles, CurrentActor } from '@nrm/platform';
import { ReadYourWrites } from '@nrm/platform/http';
import type { Actor } from '@nrm/shared-kernel';
import type { Response } from 'express';
import { type DeadlineList, ListDeadlinesQuery } from '../application/deadline-queries';
import { DEADLINES_PROJECTION } from '../read-models/deadlines.projection';
import { ListDeadlinesDto } from './list-deadlines.dto';

/** GET /deadlines: the deadline board. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'The deadline board: upcoming and overdue deadlines',
    description:
      'Sorted by due time, paginated; filters by kind, responsible organisation, due window, status and ' +
      'overdue. Scoped like cases: coordinators and the competent authority see all; first responders and ' +
      'case workers the deadlines of the cases they see (owned by or referred to their organisation); ' +
      'and every caller the shelter deadlines (shelter-answer, shelter-stay) their organisation is ' +
      "responsible for as a shelter's operator: shelter staff see only these. Status: open (overdue when " +
      'past due; a missed deadline stays open and is escalated once), met (`late: true` when met after it fell ' +
      'due, with `metAt`), expired (a reflection period that ran out) or cancelled (`closedReason`: case-closed, ' +
      'or consent-withdrawn before the referral).',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiForbiddenResponse({ description: 'Analysts and admins' })
  async list(
    @Query() filters: ListDeadlinesDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineList> {
    await this.readYourWrites.waitFor([DEADLINES_PROJECTION, CASE_SUMMARIES_PROJECTION], filters.minPosition, response);
    return this.queries.execute(
      new ListDeadlinesQuery(
        {
          kind: filters.kind,
          organisationId: filters.org,
          dueFrom: filters.dueFrom ? new Date(filters.dueFrom) : undefined,
          dueTo: filters.dueTo ? new Date(filters.dueTo) : undefined,
          status: filters.status,
          overdue: filters.overdue,
          late: filters.late,
          page: filters.page,
          pageSize: filters.pageSize,
        },
        actor,
      ),
    );
  }
}
