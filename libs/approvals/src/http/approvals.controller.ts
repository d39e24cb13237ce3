import { Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CASE_READER_ROLES } from '@nrm/case';
import { CurrentActor, CLOCK } from '@nrm/platform';
import { ApiController, Endpoint, ReadsFrom } from '@nrm/platform/http';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { type ApprovalPage, ApprovalQueries, type ApprovalView } from '../application/approval-queries';
import { APPROVALS_PROJECTION } from '../read-models/approvals.projection';
import { APPROVALS_OPENAPI } from './approvals.openapi';
import { ListApprovalsDto } from './approvals.dto';

/** Supervisor approvals (README "Supervisor approvals"): the list and one approval. */
@ApiController('approvals', 'approvals')
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ReadsFrom([APPROVALS_PROJECTION])
  @Endpoint({
    roles: CASE_READER_ROLES,
    summary: 'Approvals: the pending ones to decide, and the ones the caller asked for',
    description: APPROVALS_OPENAPI.list,
    ok: { description: '{ items, page, pageSize, total }' },
  })
  list(
    @Query() { status, caseId, page, pageSize }: ListApprovalsDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalPage> {
    return this.approvals.list(actor, { status, caseId, page, pageSize }, this.clock.now());
  }

  @Get(':id')
  @Endpoint({
    roles: CASE_READER_ROLES,
    summary: 'One approval: the command asked for, who asked, its status, and the reason of a rejection',
    description: APPROVALS_OPENAPI.get,
  })
  get(@Param('id', new ParseUUIDPipe()) approvalId: string, @CurrentActor() actor: Actor): Promise<ApprovalView> {
    return this.approvals.get(approvalId, actor, this.clock.now());
  }
}
