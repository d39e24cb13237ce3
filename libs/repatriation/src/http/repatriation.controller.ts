import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseCommandContext, CaseCommandResult } from '@nrm/case/application/case-commands';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { revisionFromIfMatch } from '@nrm/platform/http/if-match';
import { IdempotentCommands } from '@nrm/platform/idempotency/idempotent-commands';
import { correlationIdOf } from '@nrm/platform/logging/logging';
import type { Actor } from '@nrm/shared-kernel';
import type { Request, Response } from 'express';
import {
  AssessRepatriationRiskCommand,
  CancelRepatriationCommand,
  CompleteRepatriationCommand,
  RecordTravelDocumentsCommand,
  RequestRepatriationCommand,
  ScheduleRepatriationCommand,
} from '../application/repatriation-commands';
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
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first result again.' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read; 412 when stale.' })
@Controller('cases/:id/repatriation')
export class RepatriationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotentCommands,
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
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new RequestRepatriationCommand(
        id,
        {
          destinationCountry: body.destinationCountry,
          voluntaryConsent: body.voluntaryConsent,
          ...(body.consentRecordedAt === undefined ? {} : { consentRecordedAt: body.consentRecordedAt }),
        },
        context,
      );
    });
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
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new AssessRepatriationRiskCommand(
        id,
        {
          level: body.level,
          ...(body.notes === undefined ? {} : { notes: body.notes }),
          ...(body.mitigated === undefined ? {} : { mitigated: body.mitigated }),
        },
        context,
      );
    });
  }

  @Post('travel-documents')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({ summary: 'Record travel documents issued for the return (no document numbers)' })
  @ApiOkResponse(RESULT)
  recordTravelDocuments(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordTravelDocumentsDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new RecordTravelDocumentsCommand(id, { documents: body.documents, issuedBy: body.issuedBy }, context);
    });
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
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new ScheduleRepatriationCommand(
        id,
        { travelDate: body.travelDate, ...(body.route === undefined ? {} : { route: body.route }) },
        context,
      );
    });
  }

  @Post('complete')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Record the arrival: the repatriation is complete',
    description:
      'Only a scheduled repatriation (409 repatriation-not-scheduled). The case moves to stage repatriation.',
  })
  @ApiOkResponse(RESULT)
  complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteRepatriationDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new CompleteRepatriationCommand(
        id,
        { arrivedOn: body.arrivedOn, ...(body.receivedBy === undefined ? {} : { receivedBy: body.receivedBy }) },
        context,
      );
    });
  }

  @Post('cancel')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({ summary: 'Cancel the open repatriation, with a reason (409 no-open-repatriation when none)' })
  @ApiOkResponse(RESULT)
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelRepatriationDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new CancelRepatriationCommand(id, { reason: body.reason }, context);
    });
  }

  /** Idempotency-Key, If-Match and the ETag answer, as every command endpoint has them. */
  private async execute(
    actor: Actor,
    idempotencyKey: string | undefined,
    ifMatch: string | undefined,
    request: Request,
    response: Response,
    body: object,
    command: (context: CaseCommandContext) => object,
  ): Promise<CaseCommandResult> {
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const result: CaseCommandResult = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(command({ actor, correlationId: correlationIdOf(request), expectedRevision })),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}
