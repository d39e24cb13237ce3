import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { OpenCaseCommand, type OpenCaseResult } from '../application/open-case';
import { IdentificationCommandMessage } from '../application/identification-commands';
import { OpenCaseDto, RecordConsentDto } from './open-case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class IdentificationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
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
  @CommandEndpoint({ ifMatch: false })
  @ApiCreatedResponse({
    description: 'Case opened',
    schema: { example: { caseId: '7a1c…', caseNumber: 'NRM-2026-000001', revision: 0, position: '42' } },
  })
  open(
    @Body() body: OpenCaseDto,
    @CommandRequest({ ifMatch: false }) command: CommandRequest,
  ): Promise<OpenCaseResult> {
    return this.responder.respond<OpenCaseResult>(
      command,
      body,
      ({ actor, correlationId }) => this.commands.execute(new OpenCaseCommand(body, { actor, correlationId })),
      { location: (result) => `/cases/${result.caseId}` },
    );
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
  @CommandEndpoint()
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 1, position: '43' } },
  })
  recordConsent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordConsentDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new IdentificationCommandMessage(
          id,
          { type: 'RecordReferralConsent', consentToReferral: body.consentToReferral },
          context,
        ),
      ),
    );
  }
}
