import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { revisionFromIfMatch } from '@nrm/platform/http/if-match';
import { IdempotentCommands } from '@nrm/platform/idempotency/idempotent-commands';
import { correlationIdOf } from '@nrm/platform/logging/logging';
import type { Actor } from '@nrm/shared-kernel';
import type { Request, Response } from 'express';
import {
  AcceptPlacementCommand,
  CheckInPlacementCommand,
  CheckOutPlacementCommand,
  DeclinePlacementCommand,
  type PlacementCommandResult,
} from '../application/placement-commands';
import { RequestPlacementCommand, type RequestPlacementResult } from '../application/request-placement';
import type { ShelterCommandContext } from '../application/shelter-commands';
import { CheckOutPlacementDto, DeclinePlacementDto, NoBodyDto, RequestPlacementDto } from './shelter.dto';

const placementResult = {
  description: "The shelter's new revision (also as ETag) and the global position, to pass as minPosition on reads",
  schema: { example: { shelterId: '3f0c…', placementId: '9b2e…', revision: 4, position: '57' } },
};

/** Placements: requested for a case, answered and carried out by the shelter operator's staff. */
@ApiTags('shelters')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotentCommands,
  ) {}

  @Post('cases/:id/placements')
  @HttpCode(201)
  @AllowRoles('case-worker', 'coordinator', 'first-responder', 'competent-authority-officer')
  @ApiOperation({
    summary: 'Request a shelter placement for a case',
    description:
      "Decided on the shelter's stream. A child goes only to a shelter that accepts children (422 " +
      'shelter-accepts-children) and only once a guardian is appointed (422 guardian-before-placement); an adult ' +
      'woman or man only where women or men are accepted (422 shelter-accepts-women / shelter-accepts-men / ' +
      'shelter-accepts-adults); one open placement per case at a shelter (409 one-open-placement-per-shelter). ' +
      'A case the caller may not see is 404; a closed case 409. If-Match takes the ETag of the case.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case as read, e.g. "2".' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({
    ...placementResult,
    schema: { example: { caseId: '7a1c…', shelterId: '3f0c…', placementId: '9b2e…', revision: 1, position: '44' } },
  })
  async request(
    @Param('id', new ParseUUIDPipe()) caseId: string,
    @Body() body: RequestPlacementDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RequestPlacementResult> {
    const expectedCaseRevision = revisionFromIfMatch(ifMatch);
    const result: RequestPlacementResult = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () =>
        this.commands.execute(
          new RequestPlacementCommand(caseId, body.shelterId, body.needs, {
            actor,
            correlationId: correlationIdOf(request),
            expectedCaseRevision,
          }),
        ),
    );
    response.setHeader('Location', `/shelters/${result.shelterId}`);
    return result;
  }

  @Post('placements/:id/accept')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Accept a placement request: takes a bed',
    description:
      "The shelter operator's staff or a coordinator (others 403). Only a requested placement (409 " +
      'placement-requested); never more accepted or checked-in residents than beds, also when accepts race ' +
      '(409 shelter-full).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the shelter as read.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(placementResult)
  accept(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: NoBodyDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlacementCommandResult> {
    return this.run({ request, response, actor, body, idempotencyKey, ifMatch }, (context) => {
      return new AcceptPlacementCommand(id, context);
    });
  }

  @Post('placements/:id/decline')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Decline a placement request, with a reason',
    description: 'Only a requested placement (409 placement-requested). Frees no bed (none was taken).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the shelter as read.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(placementResult)
  decline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DeclinePlacementDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlacementCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new DeclinePlacementCommand(id, body.reason, context),
    );
  }

  @Post('placements/:id/check-in')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Check the person in',
    description: 'Only an accepted placement (409 check-in-needs-acceptance).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the shelter as read.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(placementResult)
  checkIn(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: NoBodyDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlacementCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new CheckInPlacementCommand(id, context),
    );
  }

  @Post('placements/:id/check-out')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Check the person out, with a reason and the date: frees the bed',
    description:
      'Only a checked-in resident (409 check-out-needs-check-in); the date neither in the future (422 ' +
      'checked-out-on-not-in-future) nor before the check-in (422 check-out-after-check-in).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the shelter as read.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse(placementResult)
  checkOut(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CheckOutPlacementDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlacementCommandResult> {
    return this.run(
      { request, response, actor, body, idempotencyKey, ifMatch },
      (context) => new CheckOutPlacementCommand(id, body.reason, body.date, context),
    );
  }

  /** Idempotency, If-Match, correlation and the ETag of the answer: the same for every placement command. */
  private async run(
    http: {
      request: Request;
      response: Response;
      actor: Actor;
      body: object;
      idempotencyKey: string | undefined;
      ifMatch: string | undefined;
    },
    command: (context: ShelterCommandContext) => object,
  ): Promise<PlacementCommandResult> {
    const { request, response, actor, body, idempotencyKey, ifMatch } = http;
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const result: PlacementCommandResult = await this.idempotency.run(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path: request.path, body },
      () => this.commands.execute(command({ actor, correlationId: correlationIdOf(request), expectedRevision })),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}
