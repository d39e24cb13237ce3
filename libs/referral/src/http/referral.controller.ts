import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import type { RequestedCommand } from '@nrm/case/application/case-command-handler';
import { ReferralCommandMessage } from '../application/referral-commands';
import type { DecideVictimStatus } from '@nrm/case/tracks/referral/referral.decider';
import { ReferCaseDto, StatusDecisionDto, StatusDecisionReviewDto } from './referral.dto';

const COMMAND_RESULT = {
  description: 'New revision (also as ETag) and the global position of the event, to pass as minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 1, position: '43' } },
};

/** Referral to the competent authority and the victim-status decision (DESIGN §3.2). */
@ApiTags('cases')
@ApiBearerAuth()
@CommandEndpoint()
@Controller('cases')
export class ReferralController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Post(':id/referral')
  @HttpCode(200)
  @AllowRoles('first-responder', 'case-worker', 'coordinator')
  @ApiOperation({
    summary: 'Refer the presumed victim to the competent authority',
    description:
      'A case is referred once. An adult is referred only with consent to referral (422 referral-needs-consent); ' +
      'a child is referred without it, in the best interests of the child. 409 already-referred for a second ' +
      'referral. The case moves to the referral stage.',
  })
  @ApiOkResponse(COMMAND_RESULT)
  refer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReferCaseDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReferralCommandMessage(
          id,
          {
            type: 'ReferCase',
            competentAuthorityOrgId: body.competentAuthorityOrgId,
            ...(body.note === undefined ? {} : { note: body.note }),
          },
          context,
        ),
      ),
    );
  }

  @Post(':id/status-decision')
  @HttpCode(200)
  @AllowRoles('competent-authority-officer')
  @ApiOperation({
    summary: 'The competent authority grants or refuses victim status',
    description:
      'Granted: with the decision number and date; the status becomes victim. Refused: with at least one reason; ' +
      'the status becomes not-a-victim. No decision before the referral (409 decision-needs-referral); one ' +
      'decision at a time: another only after a review of a refusal was requested (409 already-decided). ' +
      'decidedOn is not in the future (422 decision-date-not-in-future).',
  })
  @ApiOkResponse(COMMAND_RESULT)
  decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StatusDecisionDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    const decision: RequestedCommand<DecideVictimStatus> =
      body.decision === 'granted'
        ? {
            type: 'DecideVictimStatus',
            decision: 'granted',
            decisionNumber: body.decisionNumber ?? '',
            decidedOn: body.decidedOn,
          }
        : {
            type: 'DecideVictimStatus',
            decision: 'refused',
            reasons: body.reasons ?? [],
            decidedOn: body.decidedOn,
            ...(body.decisionNumber === undefined ? {} : { decisionNumber: body.decisionNumber }),
          };
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(new ReferralCommandMessage(id, decision, context)),
    );
  }

  @Post(':id/status-decision/review')
  @HttpCode(200)
  @AllowRoles('case-worker', 'coordinator', 'first-responder', 'competent-authority-officer')
  @ApiOperation({
    summary: 'Request a review of a refusal of victim status',
    description:
      'Only a refusal can be reviewed (409 review-needs-refusal), and one review at a time (409 review-pending). ' +
      'The status is presumed victim again and the competent authority may decide anew.',
  })
  @ApiOkResponse(COMMAND_RESULT)
  requestReview(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StatusDecisionReviewDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReferralCommandMessage(id, { type: 'RequestStatusDecisionReview', reason: body.reason }, context),
      ),
    );
  }
}
