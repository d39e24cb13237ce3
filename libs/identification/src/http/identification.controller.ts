import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { IdempotentCommands } from '@nrm/platform/idempotency/idempotent-commands';
import { correlationIdOf } from '@nrm/platform/logging/logging';
import { revisionFromIfMatch } from '@nrm/platform/http/if-match';
import type { Actor } from '@nrm/shared-kernel';
import type { Request, Response } from 'express';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { OpenCaseCommand, type OpenCaseResult } from '../application/open-case';
import { RecordReferralConsentCommand } from '../application/record-referral-consent';
import { OpenCaseDto, RecordConsentDto } from './open-case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class IdentificationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotentCommands,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowRoles('first-responder')
  @ApiOperation({
    summary: 'Identification: open a case for a presumed victim',
    description:
      'A first responder records the person, where and when they were found, the forms of exploitation, the ' +
      'indicators observed (codes of the current catalogue), urgent needs and consent to referral. A person under ' +
      '18 (from the date of birth or the estimated age at identification) makes a child case. The answer carries ' +
      'the new revision (also as ETag) and the global position of the event, to pass as minPosition on reads.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body: the first result again, nothing appended.',
  })
  @ApiCreatedResponse({
    description: 'Case opened',
    schema: { example: { caseId: '7a1c…', caseNumber: 'NRM-2026-000001', revision: 0, position: '42' } },
  })
  async open(
    @Body() body: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpenCaseResult> {
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(new OpenCaseCommand(body, { actor, correlationId: correlationIdOf(request) })),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    response.setHeader('Location', `/cases/${result.caseId}`);
    return result;
  }

  @Post(':id/consent')
  @HttpCode(200)
  @AllowRoles('first-responder', 'case-worker', 'coordinator')
  @ApiOperation({
    summary: 'Record consent to referral given or withdrawn',
    description:
      'Recording the consent the case already holds appends nothing. With If-Match, a case changed since it was ' +
      'read is refused with 412.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "0".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 1, position: '43' } },
  })
  async recordConsent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordConsentDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () =>
        this.commands.execute(
          new RecordReferralConsentCommand(id, body.consentToReferral, {
            actor,
            correlationId: correlationIdOf(request),
            expectedRevision,
          }),
        ),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}
