import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RecordsCaseReads } from '@nrm/case';
import { CurrentActor } from '@nrm/platform';
import { ApiController, Endpoint, ReadsFrom, ReadYourWritesDto, RevisionETag } from '@nrm/platform/http';
import type { Actor } from '@nrm/shared-kernel';
import {
  GetShelterQuery,
  ListSheltersQuery,
  SHELTER_READER_ROLES,
  type ShelterView,
} from '../application/shelter-queries';
import { SHELTERS_PROJECTION } from '../read-models/shelters.projection';
import { ListSheltersDto } from './shelter.dto';
import { SHELTERS_OPENAPI } from './shelter.openapi';

@ApiController('shelters', 'shelters')
export class SheltersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom([SHELTERS_PROJECTION])
  @Endpoint({
    roles: SHELTER_READER_ROLES,
    summary: 'List shelters with their free beds',
    description: 'By region then name; filters by region, whom the shelter accepts and free beds.',
  })
  async list(@Query() { region, accepts, hasFreeBeds, page, pageSize }: ListSheltersDto) {
    return this.queries.execute(new ListSheltersQuery({ region, accepts, hasFreeBeds, page, pageSize }));
  }

  @Get(':id')
  @ReadsFrom([SHELTERS_PROJECTION])
  @Endpoint({
    roles: SHELTER_READER_ROLES,
    summary: 'Read a shelter with its free beds and placements',
    description: SHELTERS_OPENAPI.get,
    ok: { description: 'The shelter' },
    notFound: 'No such shelter',
  })
  // The placements shown carry each case's care needs: a read of that case's personal data.
  @RecordsCaseReads('GET /shelters/{id}', (view: ShelterView) => view.placements.map((placement) => placement.caseId))
  @RevisionETag()
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    // Only for minPosition: the read waits for it (ReadsFrom).
    @Query() _read: ReadYourWritesDto,
    @CurrentActor() actor: Actor,
  ): Promise<ShelterView> {
    return this.queries.execute(new GetShelterQuery(id, actor));
  }
}
