import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CaseReadAudit } from '@nrm/case/application/case-read-audit';
import { AllowRoles, CurrentActor } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import { ReadYourWrites } from '@nrm/platform/http/read-your-writes';
import { ReadYourWritesDto } from '@nrm/platform/http/read-your-writes.dto';
import type { Actor } from '@nrm/shared-kernel';
import type { Response } from 'express';
import { ChangeShelterCapacityCommand } from '../application/change-shelter-capacity';
import { RegisterShelterCommand } from '../application/register-shelter';
import type { ShelterCommandResult } from '../application/shelter-commands';
import {
  GetShelterQuery,
  ListSheltersQuery,
  SHELTER_READER_ROLES,
  type ShelterView,
} from '../application/shelter-queries';
import { SHELTERS_PROJECTION } from '../read-models/shelters.projection';
import { ChangeCapacityDto, ListSheltersDto, RegisterShelterDto } from './shelter.dto';

const commandResult = {
  description: "The shelter's new revision (also as ETag) and the global position, to pass as minPosition on reads",
  schema: { example: { shelterId: '3f0c…', revision: 1, position: '43' } },
};

@ApiTags('shelters')
@ApiBearerAuth()
@Controller('shelters')
export class SheltersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly responder: CommandResponder,
    private readonly readYourWrites: ReadYourWrites,
    private readonly readAudit: CaseReadAudit,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowRoles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Register a shelter',
    description:
      'Operator organisation (its shelter staff answer placement requests), region, beds (1..500) and whom it ' +
      'accepts (women, men, children). Each shelter is a stream of its own: its beds are a consistency boundary.',
  })
  @CommandEndpoint({ ifMatch: false })
  @ApiCreatedResponse(commandResult)
  register(
    @Body() body: RegisterShelterDto,
    @CommandRequest({ ifMatch: false }) command: CommandRequest,
  ): Promise<ShelterCommandResult> {
    return this.responder.respond<ShelterCommandResult>(
      command,
      body,
      ({ actor, correlationId }) =>
        this.commands.execute(
          new RegisterShelterCommand(
            {
              name: body.name,
              operatorOrgId: body.operatorOrgId,
              region: body.region,
              beds: body.beds,
              accepts: body.accepts,
            },
            { actor, correlationId },
          ),
        ),
      { location: (result) => `/shelters/${result.shelterId}` },
    );
  }

  @Post(':id/capacity')
  @HttpCode(200)
  @AllowRoles('coordinator', 'admin', 'shelter-staff')
  @ApiOperation({
    summary: "Change a shelter's bed capacity",
    description:
      "Coordinators, admins and the operator's shelter staff (others 403). Never fewer beds than are taken " +
      '(409 capacity-below-occupancy). The same number of beds appends nothing. With If-Match (the ETag of ' +
      'GET /shelters/{id}), a shelter changed since is 412.',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  changeCapacity(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeCapacityDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<ShelterCommandResult> {
    return this.responder.respond<ShelterCommandResult>(command, body, (context) =>
      this.commands.execute(new ChangeShelterCapacityCommand(id, body.beds, body.reason, context)),
    );
  }

  @Get()
  @AllowRoles(...SHELTER_READER_ROLES)
  @ApiOperation({
    summary: 'List shelters with their free beds',
    description: 'By region then name; filters by region, whom the shelter accepts and free beds.',
  })
  async list(@Query() filters: ListSheltersDto, @Res({ passthrough: true }) response: Response) {
    await this.readYourWrites.waitFor([SHELTERS_PROJECTION], filters.minPosition, response);
    return this.queries.execute(
      new ListSheltersQuery({
        region: filters.region,
        accepts: filters.accepts,
        hasFreeBeds: filters.hasFreeBeds,
        page: filters.page,
        pageSize: filters.pageSize,
      }),
    );
  }

  @Get(':id')
  @AllowRoles(...SHELTER_READER_ROLES)
  @ApiOperation({
    summary: 'Read a shelter with its free beds and placements',
    description:
      "ETag carries the shelter stream's revision, for If-Match. The operator's staff, coordinators and the " +
      'competent authority see every placement; others only those of the cases they see in full (owned by or ' +
      'referred to their organisation); admins none. Analysts: 403.',
  })
  @ApiOkResponse({ description: 'The shelter' })
  @ApiNotFoundResponse({ description: 'No such shelter' })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() read: ReadYourWritesDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShelterView> {
    await this.readYourWrites.waitFor([SHELTERS_PROJECTION], read.minPosition, response);
    const view: ShelterView = await this.queries.execute(new GetShelterQuery(id, actor));
    // The placements shown carry each case's care needs: a read of that case's personal data.
    await this.readAudit.recordReads(
      actor,
      'GET /shelters/{id}',
      view.placements.map((placement) => placement.caseId),
    );
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
