import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { IdentificationCommandMessage } from '../application/identification-commands';
import { AppointGuardianDto, NotifyChildProtectionDto } from './child-case.dto';

const CHILD_CASE_ROLES = ['first-responder', 'case-worker', 'coordinator', 'competent-authority-officer'] as const;

const commandResult = {
  description: 'New revision (also as ETag) and the global position, to pass as minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 1, position: '43' } },
};

/** Child cases (DESIGN §3.1): the child-protection body is notified and a guardian appointed. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class ChildCaseController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Post(':id/child-protection-notification')
  @HttpCode(200)
  @AllowRoles(...CHILD_CASE_ROLES)
  @ApiOperation({
    summary: 'Child case: record that the child-protection body was notified',
    description:
      'Only for child cases (422 not-a-child-case), once per case (409 child-protection-notified-once); notifiedAt ' +
      'may not lie in the future (422 notified-at-not-in-future).',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  notifyChildProtection(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: NotifyChildProtectionDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(new IdentificationCommandMessage(id, { type: 'NotifyChildProtection', ...body }, context)),
    );
  }

  @Post(':id/guardian')
  @HttpCode(200)
  @AllowRoles(...CHILD_CASE_ROLES)
  @ApiOperation({
    summary: 'Child case: record the appointment of a guardian',
    description:
      "Only for child cases (422 not-a-child-case). The guardian's name is personal data: it is encrypted with the " +
      "child's key and never shown on the timeline. A later appointment replaces the guardian. appointedOn may " +
      'not lie in the future (422 appointed-on-not-in-future).',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  appointGuardian(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AppointGuardianDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(new IdentificationCommandMessage(id, { type: 'AppointGuardian', ...body }, context)),
    );
  }
}
