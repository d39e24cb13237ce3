import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { answerGated, APPROVAL_REQUESTED_RESPONSE } from '@nrm/approvals/http/gated-response';
import type { ApprovalRequestResult } from '@nrm/approvals/application/approval-gate';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import { ReintegrationCommandMessage } from '../application/reintegration-commands';
import {
  AdoptReintegrationPlanDto,
  CompleteReintegrationDto,
  RecordReintegrationServiceDto,
  ReviewReintegrationDto,
} from './reintegration.dto';

const ROLES = ['case-worker', 'coordinator', 'competent-authority-officer', 'first-responder', 'supervisor'] as const;

const RESULT = {
  description: 'New revision (also as ETag) and the global position of the event, for minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 5, position: '81' } },
};

/** Reintegration (DESIGN §3.6): an individual plan, services, periodic reviews, completion. */
@ApiTags('reintegration')
@ApiBearerAuth()
@CommandEndpoint()
@Controller('cases/:id')
export class ReintegrationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Post('reintegration-plan')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Adopt the individual reintegration plan: goals by domain, reviewed every N days',
    description:
      'One plan per case (409 plan-exists). The case moves to stage reintegration; the first review falls due ' +
      'reviewEveryDays (default 90) after adoption and shows as the next deadline. Where the country puts ' +
      'the adoption under approval (AdoptReintegrationPlan in APPROVAL_REQUIRED_COMMANDS, the default), a ' +
      "caller who is neither a coordinator nor a supervisor of the case's organisation gets 202: the plan is " +
      'checked as above and recorded as an approval request; it is adopted (dated) when approved.',
  })
  @ApiOkResponse(RESULT)
  @ApiResponse(APPROVAL_REQUESTED_RESPONSE)
  async adoptPlan(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AdoptReintegrationPlanDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult | ApprovalRequestResult> {
    const result = await this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReintegrationCommandMessage(
          id,
          {
            type: 'AdoptReintegrationPlan',
            goals: body.goals.map((goal) => ({
              domain: goal.domain,
              description: goal.description,
              ...(goal.targetDate === undefined ? {} : { targetDate: goal.targetDate }),
            })),
            ...(body.reviewEveryDays === undefined ? {} : { reviewEveryDays: body.reviewEveryDays }),
          },
          context,
        ),
      ),
    );
    return answerGated(result, command.response);
  }

  @Post('reintegration/services')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Record a service delivered by a provider organisation',
    description: 'Needs a plan (409 needs-reintegration-plan) and a domain among its goals (422 service-outside-plan).',
  })
  @ApiOkResponse(RESULT)
  recordService(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordReintegrationServiceDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReintegrationCommandMessage(
          id,
          {
            type: 'RecordReintegrationService',
            domain: body.domain,
            providerOrgId: body.providerOrgId,
            description: body.description,
            deliveredOn: body.deliveredOn,
          },
          context,
        ),
      ),
    );
  }

  @Post('reintegration/reviews')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Record a periodic review of the plan',
    description: 'Needs a plan (409 needs-reintegration-plan). The next review falls due reviewedOn + reviewEveryDays.',
  })
  @ApiOkResponse(RESULT)
  review(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReviewReintegrationDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReintegrationCommandMessage(
          id,
          {
            type: 'ReviewReintegration',
            reviewedOn: body.reviewedOn,
            progress: body.progress,
            ...(body.notes === undefined ? {} : { notes: body.notes }),
          },
          context,
        ),
      ),
    );
  }

  @Post('reintegration/complete')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Complete the reintegration plan with its outcome',
    description: 'Needs a plan (409 needs-reintegration-plan) not completed yet (409 reintegration-completed).',
  })
  @ApiOkResponse(RESULT)
  complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteReintegrationDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReintegrationCommandMessage(
          id,
          { type: 'CompleteReintegration', completedOn: body.completedOn, outcome: body.outcome },
          context,
        ),
      ),
    );
  }
}
