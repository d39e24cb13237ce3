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
  AdoptReintegrationPlanCommand,
  CompleteReintegrationCommand,
  RecordReintegrationServiceCommand,
  ReviewReintegrationCommand,
} from '../application/reintegration-commands';
import {
  AdoptReintegrationPlanDto,
  CompleteReintegrationDto,
  RecordReintegrationServiceDto,
  ReviewReintegrationDto,
} from './reintegration.dto';

const ROLES = ['case-worker', 'coordinator', 'competent-authority-officer', 'first-responder'] as const;

const RESULT = {
  description: 'New revision (also as ETag) and the global position of the event, for minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 5, position: '81' } },
};

/** Reintegration (DESIGN §3.6): an individual plan, services, periodic reviews, completion. */
@ApiTags('reintegration')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first result again.' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read; 412 when stale.' })
@Controller('cases/:id')
export class ReintegrationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotentCommands,
  ) {}

  @Post('reintegration-plan')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Adopt the individual reintegration plan: goals by domain, reviewed every N days',
    description:
      'One plan per case (409 plan-exists). The case moves to stage reintegration; the first review falls due ' +
      'reviewEveryDays (default 90) after adoption and shows as the next deadline.',
  })
  @ApiOkResponse(RESULT)
  adoptPlan(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AdoptReintegrationPlanDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new AdoptReintegrationPlanCommand(
        id,
        {
          goals: body.goals.map((goal) => ({
            domain: goal.domain,
            description: goal.description,
            ...(goal.targetDate === undefined ? {} : { targetDate: goal.targetDate }),
          })),
          ...(body.reviewEveryDays === undefined ? {} : { reviewEveryDays: body.reviewEveryDays }),
        },
        context,
      );
    });
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
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new RecordReintegrationServiceCommand(
        id,
        {
          domain: body.domain,
          providerOrgId: body.providerOrgId,
          description: body.description,
          deliveredOn: body.deliveredOn,
        },
        context,
      );
    });
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
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new ReviewReintegrationCommand(
        id,
        {
          reviewedOn: body.reviewedOn,
          progress: body.progress,
          ...(body.notes === undefined ? {} : { notes: body.notes }),
        },
        context,
      );
    });
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
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return this.execute(actor, idempotencyKey, ifMatch, request, response, body, (context) => {
      return new CompleteReintegrationCommand(id, { completedOn: body.completedOn, outcome: body.outcome }, context);
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
