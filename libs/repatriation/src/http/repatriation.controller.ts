import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import { RepatriationCommandMessage } from '../application/repatriation-commands';
import {
  AssessRepatriationRiskDto,
  CancelRepatriationDto,
  CompleteRepatriationDto,
  RecordTravelDocumentsDto,
  RequestRepatriationDto,
  ScheduleRepatriationDto,
} from './repatriation.dto';

const ROLES = ['case-worker', 'coordinator', 'competent-authority-officer', 'first-responder'] as const;

const RESULT = {
  description: 'New revision (also as ETag) and the global position of the event, for minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 3, position: '57' } },
};

/** Repatriation (DESIGN §3.5): voluntary, with consent, a risk assessment before travel. */
@ApiTags('repatriation')
@ApiBearerAuth()
@CommandEndpoint()
@Controller('cases/:id/repatriation')
export class RepatriationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Post()
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Open a repatriation with the voluntary consent of the person',
    description:
      'Refused with 422 repatriation-needs-voluntary-consent without consent; 409 ' +
      'no-repatriation-during-reflection-period while a reflection period is active (unless the person asked to end ' +
      'it); 409 repatriation-already-open while another is open.',
  })
  @ApiOkResponse(RESULT)
  request(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RequestRepatriationDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new RepatriationCommandMessage(
          id,
          {
            type: 'RequestRepatriation',
            destinationCountry: body.destinationCountry,
            voluntaryConsent: body.voluntaryConsent,
            ...(body.consentRecordedAt === undefined ? {} : { consentRecordedAt: body.consentRecordedAt }),
          },
          context,
        ),
      ),
    );
  }

  @Post('risk-assessment')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Record a risk assessment of the return',
    description: 'The latest assessment counts: a high risk not mitigated blocks scheduling and completion.',
  })
  @ApiOkResponse(RESULT)
  assessRisk(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AssessRepatriationRiskDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new RepatriationCommandMessage(
          id,
          {
            type: 'AssessRepatriationRisk',
            level: body.level,
            ...(body.notes === undefined ? {} : { notes: body.notes }),
            ...(body.mitigated === undefined ? {} : { mitigated: body.mitigated }),
          },
          context,
        ),
      ),
    );
  }

  @Post('travel-documents')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({ summary: 'Record travel documents issued for the return (no document numbers)' })
  @ApiOkResponse(RESULT)
  recordTravelDocuments(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordTravelDocumentsDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new RepatriationCommandMessage(
          id,
          { type: 'RecordTravelDocuments', documents: body.documents, issuedBy: body.issuedBy },
          context,
        ),
      ),
    );
  }

  @Post('schedule')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Schedule the travel',
    description:
      'Needs the voluntary consent, a risk assessment (409 schedule-needs-risk-assessment) that is not an ' +
      'unmitigated high risk (409 high-risk-not-mitigated) and travel documents (409 ' +
      'schedule-needs-travel-documents); the travel date may not lie in the past (422 travel-date-not-in-past).',
  })
  @ApiOkResponse(RESULT)
  schedule(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ScheduleRepatriationDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new RepatriationCommandMessage(
          id,
          {
            type: 'ScheduleRepatriation',
            travelDate: body.travelDate,
            ...(body.route === undefined ? {} : { route: body.route }),
          },
          context,
        ),
      ),
    );
  }

  @Post('complete')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Record the arrival: the repatriation is complete',
    description:
      'Only a scheduled repatriation (409 repatriation-not-scheduled); arrivedOn not in the future (422 ' +
      'arrival-not-in-future) and not before the scheduled travel date (422 arrival-not-before-travel). The case ' +
      'moves to stage repatriation.',
  })
  @ApiOkResponse(RESULT)
  complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteRepatriationDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new RepatriationCommandMessage(
          id,
          {
            type: 'CompleteRepatriation',
            arrivedOn: body.arrivedOn,
            ...(body.receivedBy === undefined ? {} : { receivedBy: body.receivedBy }),
          },
          context,
        ),
      ),
    );
  }

  @Post('cancel')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({ summary: 'Cancel the open repatriation, with a reason (409 no-open-repatriation when none)' })
  @ApiOkResponse(RESULT)
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelRepatriationDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new RepatriationCommandMessage(id, { type: 'CancelRepatriation', reason: body.reason }, context),
      ),
    );
  }
}
