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
import { EndReflectionPeriodCommand } from '../application/end-reflection-period';
import { ExtendReflectionPeriodCommand } from '../application/extend-reflection-period';
import { StartReflectionPeriodCommand, type StartReflectionPeriodResult } from '../application/start-reflection-period';
import { EndReflectionPeriodDto, ExtendReflectionPeriodDto, StartReflectionPeriodDto } from './reflection-period.dto';

const ROLES = ['competent-authority-officer', 'case-worker', 'coordinator', 'first-responder'] as const;

@ApiTags('reflection period')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "3"; stale: 412.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key and body: the first result again, nothing appended.',
})
@Controller('cases')
export class ReflectionPeriodController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotentCommands,
  ) {}

  @Post(':id/reflection-period')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Start a reflection period',
    description:
      'Starts a period of recovery and reflection for the presumed victim (default length: the configured ' +
      'REFLECTION_PERIOD_DAYS, at least 30 days). The start may be recorded late with its real time; a period ' +
      'whose end is already past is simply due. One active period at a time: 409 one-active-reflection-period. ' +
      'Fewer than 30 days: 422 reflection-period-minimum. A start in the future: 422 ' +
      'reflection-period-start-not-in-future.',
  })
  @ApiOkResponse({
    description: 'Started: the new period, revision and position',
    schema: { example: { caseId: '7a1c…', periodId: '0b6f…', revision: 3, position: '57' } },
  })
  async start(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StartReflectionPeriodDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StartReflectionPeriodResult> {
    const context = this.context(actor, ifMatch, request);
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(new StartReflectionPeriodCommand(id, body.startedAt, body.days, context)),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }

  @Post(':id/reflection-period/extension')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Extend the active reflection period',
    description:
      'Adds days (1 to 365) to the active period, with a reason. Without an active period: 409 ' +
      'no-active-reflection-period.',
  })
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 4, position: '58' } },
  })
  async extend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ExtendReflectionPeriodDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const context = this.context(actor, ifMatch, request);
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(new ExtendReflectionPeriodCommand(id, body.days, body.reason, context)),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }

  @Post(':id/reflection-period/end')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'End the active reflection period early',
    description:
      'Ends the active period with its outcome: cooperating with the investigation, chose to return (then ' +
      'repatriation may proceed: the person asked for it), or other. Without an active period: 409 ' +
      'no-active-reflection-period.',
  })
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 5, position: '59' } },
  })
  async end(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: EndReflectionPeriodDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const context = this.context(actor, ifMatch, request);
    const result = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(new EndReflectionPeriodCommand(id, body.outcome, body.note, context)),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }

  private context(actor: Actor, ifMatch: string | undefined, request: Request): CaseCommandContext {
    return { actor, correlationId: correlationIdOf(request), expectedRevision: revisionFromIfMatch(ifMatch) };
  }
}
