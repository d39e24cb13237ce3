import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { IdempotentCommands } from '@nrm/platform/idempotency/idempotent-commands';
import { correlationIdOf } from '@nrm/platform/logging/logging';
import { revisionFromIfMatch } from '@nrm/platform/http/if-match';
import type { Actor } from '@nrm/shared-kernel';
import type { Request, Response } from 'express';
import type { CaseCommandContext, CaseCommandResult } from '@nrm/case/application/case-commands';
import { AppointGuardianCommand } from '../application/appoint-guardian';
import { NotifyChildProtectionCommand } from '../application/notify-child-protection';
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
    private readonly idempotency: IdempotentCommands,
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
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "0".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(commandResult)
  notifyChildProtection(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: NotifyChildProtectionDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new NotifyChildProtectionCommand(id, body, context),
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
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "1".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(commandResult)
  appointGuardian(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AppointGuardianDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new AppointGuardianCommand(id, body, context),
    );
  }

  /** Idempotency, If-Match, correlation and the ETag of the answer: the same for both commands. */
  private async run(
    http: {
      request: Request;
      response: Response;
      actor: Actor;
      body: object;
      idempotencyKey: string | undefined;
      ifMatch: string | undefined;
    },
    command: (context: CaseCommandContext) => object,
  ): Promise<CaseCommandResult> {
    const { request, response, actor, body, idempotencyKey, ifMatch } = http;
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const result: CaseCommandResult = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(command({ actor, correlationId: correlationIdOf(request), expectedRevision })),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}
