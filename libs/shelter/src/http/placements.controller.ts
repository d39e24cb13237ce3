import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import {
  AcceptPlacementCommand,
  CheckInPlacementCommand,
  CheckOutPlacementCommand,
  DeclinePlacementCommand,
  type PlacementCommandResult,
} from '../application/placement-commands';
import { RequestPlacementCommand, type RequestPlacementResult } from '../application/request-placement';
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
    private readonly responder: CommandResponder,
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
  @CommandEndpoint()
  @ApiCreatedResponse({
    ...placementResult,
    schema: { example: { caseId: '7a1c…', shelterId: '3f0c…', placementId: '9b2e…', revision: 1, position: '44' } },
  })
  request(
    @Param('id', new ParseUUIDPipe()) caseId: string,
    @Body() body: RequestPlacementDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<RequestPlacementResult> {
    return this.responder.respond<RequestPlacementResult>(
      command,
      body,
      ({ actor, correlationId, expectedRevision }) =>
        this.commands.execute(
          new RequestPlacementCommand(caseId, body.shelterId, body.needs, {
            actor,
            correlationId,
            expectedCaseRevision: expectedRevision,
          }),
        ),
      // The revision is the shelter's, while If-Match takes the case's: no ETag.
      { etag: false, location: (result) => `/shelters/${result.shelterId}` },
    );
  }

  @Post('placements/:id/accept')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Accept a placement request: takes a bed',
    description:
      "The shelter operator's staff or a coordinator (others 403). Only a requested placement (409 " +
      'placement-requested); never more accepted or checked-in residents than beds, also when accepts race ' +
      '(409 shelter-full); never for a closed case (409 case-not-closed, also when the closure races the accept: ' +
      "the closure ends the case's placements) nor a child without a guardian (422 guardian-before-placement). " +
      'The placement is found on the write side: right after its request, never 404.',
  })
  @CommandEndpoint()
  @ApiOkResponse(placementResult)
  accept(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: NoBodyDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<PlacementCommandResult> {
    return this.responder.respond<PlacementCommandResult>(command, body, (context) =>
      this.commands.execute(new AcceptPlacementCommand(id, context)),
    );
  }

  @Post('placements/:id/decline')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Decline a placement request, with a reason',
    description: 'Only a requested placement (409 placement-requested). Frees no bed (none was taken).',
  })
  @CommandEndpoint()
  @ApiOkResponse(placementResult)
  decline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DeclinePlacementDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<PlacementCommandResult> {
    return this.responder.respond<PlacementCommandResult>(command, body, (context) =>
      this.commands.execute(new DeclinePlacementCommand(id, body.reason, context)),
    );
  }

  @Post('placements/:id/check-in')
  @HttpCode(200)
  @AllowRoles('shelter-staff', 'coordinator')
  @ApiOperation({
    summary: 'Check the person in',
    description:
      'Only an accepted placement (409 check-in-needs-acceptance), of an open case (409 case-not-closed) with a ' +
      'guardian for a child (422 guardian-before-placement).',
  })
  @CommandEndpoint()
  @ApiOkResponse(placementResult)
  checkIn(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: NoBodyDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<PlacementCommandResult> {
    return this.responder.respond<PlacementCommandResult>(command, body, (context) =>
      this.commands.execute(new CheckInPlacementCommand(id, context)),
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
  @CommandEndpoint()
  @ApiOkResponse(placementResult)
  checkOut(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CheckOutPlacementDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<PlacementCommandResult> {
    return this.responder.respond<PlacementCommandResult>(command, body, (context) =>
      this.commands.execute(new CheckOutPlacementCommand(id, body.reason, body.date, context)),
    );
  }
}
