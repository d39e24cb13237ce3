import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseReadAudit } from '@nrm/case';
import { AllowRoles, CurrentActor } from '@nrm/platform';
import { ReadYourWrites, ReadYourWritesDto } from '@nrm/platform/http';
import type { Actor } from '@nrm/shared-kernel';
import type { Response } from 'express';
import {
  GetShelterQuery,
  ListSheltersQuery,
  SHELTER_READER_ROLES,
  type ShelterView,
} from '../application/shelter-queries';
import { SHELTERS_PROJECTION } from '../read-models/shelters.projection';
import { ListSheltersDto } from './shelter.dto';

@ApiTags('shelters')
@ApiBearerAuth()
@Controller('shelters')
export class SheltersController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
    private readonly readAudit: CaseReadAudit,
  ) {}

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
