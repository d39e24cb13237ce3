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
import { CloseCaseCommand } from '../application/close-case';
import { ReopenCaseCommand } from '../application/reopen-case';
import { TransferCaseCommand } from '../application/transfer-case';
import { CloseCaseDto, ReopenCaseDto, TransferCaseDto } from './case-lifecycle.dto';

const LIFECYCLE_ROLES = ['coordinator', 'case-worker', 'competent-authority-officer', 'first-responder'] as const;

const commandResult = {
  description: 'New revision (also as ETag) and the global position, to pass as minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 4, position: '57' } },
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseLifecycleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotentCommands,
  ) {}

  @Post(':id/close')
  @HttpCode(200)
  @AllowRoles(...LIFECYCLE_ROLES)
  @ApiOperation({
    summary: 'Close a case with a reason',
    description:
      'A closed case rejects every command but reopen (409, rule case-not-closed). Closing a closed case is 409 ' +
      "case-not-closed; reason 'status-refused' needs a refused victim status (409 " +
      'closure-status-refused-needs-refusal).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "3".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(commandResult)
  close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseCaseDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new CloseCaseCommand(id, body, context),
    );
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @AllowRoles(...LIFECYCLE_ROLES)
  @ApiOperation({
    summary: 'Reopen a closed case',
    description:
      'The case goes back to the stage it was closed in. Reopening a case that is not closed is 409 case-is-closed.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "4".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(commandResult)
  reopen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReopenCaseDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new ReopenCaseCommand(id, body, context),
    );
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @AllowRoles(...LIFECYCLE_ROLES)
  @ApiOperation({
    summary: 'Transfer a case to another organisation',
    description:
      'The receiver owns the case from now on: its staff see it, the former owner no longer does (coordinators ' +
      'and the competent authority see every case). Transferring to the current owner is 422 ' +
      'transfer-to-another-organisation; a closed case is 409 case-not-closed.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "2".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(commandResult)
  transfer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TransferCaseDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new TransferCaseCommand(id, body, context),
    );
  }

  /** Idempotency, If-Match, correlation and the ETag of the answer: the same for every command here. */
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
