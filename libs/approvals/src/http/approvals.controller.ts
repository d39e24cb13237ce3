import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_READER_ROLES } from '@nrm/case';
import { AllowRoles, CurrentActor, CLOCK } from '@nrm/platform';
import { CommandEndpoint, CommandRequest, CommandResponder, ReadYourWrites } from '@nrm/platform/http';
import type { Actor, Clock } from '@nrm/shared-kernel';
import type { Response } from 'express';
import { type ApprovalDecisionResult, ApprovalGate } from '../application/approval-gate';
import { type ApprovalPage, ApprovalQueries, type ApprovalView } from '../application/approval-queries';
import { APPROVALS_PROJECTION } from '../read-models/approvals.projection';
import { ListApprovalsDto, RejectApprovalDto } from './approvals.dto';

const DECISION = {
  description: "The case's new revision and the global position (for minPosition on reads)",
  schema: { example: { approvalId: '3f0c…', status: 'granted', caseId: '7a1c…', revision: 6, position: '90' } },
};

/** Supervisor approvals (README "Supervisor approvals"): the list, one approval, grant and reject. */
@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly gate: ApprovalGate,
    private readonly approvals: ApprovalQueries,
    private readonly responder: CommandResponder,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'Approvals: the pending ones to decide, and the ones the caller asked for',
    description:
      'Coordinators see every approval; supervisors those of the cases their organisation is responsible ' +
      'for; anyone the approvals they asked for. Sorted by due time (APPROVAL_DEADLINE_HOURS after the ' +
      'request); `overdue` when a pending one is past it. Filters: status (pending, granted, rejected), caseId.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  async list(
    @Query() filters: ListApprovalsDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApprovalPage> {
    await this.readYourWrites.waitFor([APPROVALS_PROJECTION], filters.minPosition, response);
    return this.approvals.list(
      actor,
      { status: filters.status, caseId: filters.caseId, page: filters.page, pageSize: filters.pageSize },
      this.clock.now(),
    );
  }

  @Get(':id')
  @AllowRoles(...CASE_READER_ROLES)
  @ApiOperation({
    summary: 'One approval: the command asked for, who asked, its status, and the reason of a rejection',
    description: 'Visible as in the list; another approval is 404.',
  })
  get(@Param('id', new ParseUUIDPipe()) approvalId: string, @CurrentActor() actor: Actor): Promise<ApprovalView> {
    return this.approvals.get(approvalId, actor, this.clock.now());
  }

  @Post(':id/approve')
  @HttpCode(200)
  @AllowRoles('supervisor', 'coordinator')
  @CommandEndpoint()
  @ApiOperation({
    summary: 'Approve: the command is executed now, on the case as it is now',
    description:
      'A supervisor of the organisation responsible for the case, or a coordinator (others: 403, or 404 ' +
      'when the approval is not theirs to see). The command runs through its own rules again: when they no ' +
      'longer hold (e.g. the case was closed meanwhile) its refusal is answered (409/422) and the approval ' +
      "stays pending (reject it). Otherwise ApprovalGranted and the command's events are appended together, " +
      'and the requester is told in their inbox. A decided approval is 409 approval-not-pending. If-Match: the ' +
      "case's ETag.",
  })
  @ApiOkResponse(DECISION)
  approve(
    @Param('id', new ParseUUIDPipe()) approvalId: string,
    @CommandRequest() command: CommandRequest,
  ): Promise<ApprovalDecisionResult> {
    return this.responder.respond<ApprovalDecisionResult>(
      command,
      {},
      (context) => this.gate.grant(approvalId, context),
      { etag: false },
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @AllowRoles('supervisor', 'coordinator')
  @CommandEndpoint()
  @ApiOperation({
    summary: 'Reject with a reason: nothing else changes; the requester is told, and may ask again',
    description:
      'Same approvers as approve. The reason is required (400 when missing or blank) and is personal data. ' +
      'A decided approval is 409 approval-not-pending.',
  })
  @ApiOkResponse(DECISION)
  reject(
    @Param('id', new ParseUUIDPipe()) approvalId: string,
    @Body() body: RejectApprovalDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<ApprovalDecisionResult> {
    return this.responder.respond<ApprovalDecisionResult>(
      command,
      body,
      (context) => this.gate.reject(approvalId, body.reason, context),
      { etag: false },
    );
  }
}
