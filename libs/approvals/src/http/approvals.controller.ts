import { Body, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CASE_READER_ROLES } from '@nrm/case';
import { CurrentActor, CLOCK } from '@nrm/platform';
import {
  ApiController,
  CommandEndpoint,
  CommandRequest,
  CommandResponder,
  Endpoint,
  ReadsFrom,
} from '@nrm/platform/http';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { type ApprovalDecisionResult, ApprovalGate } from '../application/approval-gate';
import { type ApprovalPage, ApprovalQueries, type ApprovalView } from '../application/approval-queries';
import { APPROVALS_PROJECTION } from '../read-models/approvals.projection';
import { APPROVAL_DECISION, APPROVALS_OPENAPI } from './approvals.openapi';
import { ListApprovalsDto, RejectApprovalDto } from './approvals.dto';

const APPROVERS = ['supervisor', 'coordinator'] as const;

/** Supervisor approvals (README "Supervisor approvals"): the list, one approval, grant and reject. */
@ApiController('approvals', 'approvals')
export class ApprovalsController {
  constructor(
    private readonly gate: ApprovalGate,
    private readonly approvals: ApprovalQueries,
    private readonly responder: CommandResponder,
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

  @Post(':id/approve')
  @HttpCode(200)
  @CommandEndpoint()
  @Endpoint({
    roles: APPROVERS,
    summary: 'Approve: the command is executed now, on the case as it is now',
    description: APPROVALS_OPENAPI.approve,
    ok: APPROVAL_DECISION,
  })
  approve(
    @Param('id', new ParseUUIDPipe()) approvalId: string,
    @CommandRequest() command: CommandRequest,
  ): Promise<ApprovalDecisionResult> {
    return this.responder.respond(command, {}, (context) => this.gate.grant(approvalId, context), { etag: false });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @CommandEndpoint()
  @Endpoint({
    roles: APPROVERS,
    summary: 'Reject with a reason: nothing else changes; the requester is told, and may ask again',
    description: APPROVALS_OPENAPI.reject,
    ok: APPROVAL_DECISION,
  })
  reject(
    @Param('id', new ParseUUIDPipe()) approvalId: string,
    @Body() body: RejectApprovalDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<ApprovalDecisionResult> {
    return this.responder.respond(command, body, (context) => this.gate.reject(approvalId, body.reason, context), {
      etag: false,
    });
  }
}
