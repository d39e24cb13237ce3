import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@nrm/shared-kernel';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PlacementLocationEntity } from './placement-location.entity';

export interface PlacementLocation {
  placementId: string;
  shelterId: string;
  caseId: string;
}

/**
 * Which shelter and case a placement belongs to (a placement never moves). Its shelter's stream then
 * decides, on its own current state; a placement whose request was refused after its row was written
 * is not on the shelter's stream, and is not found there either.
 */
@Injectable()
export class PlacementLocator {
  constructor(
    @InjectRepository(PlacementLocationEntity) private readonly locations: Repository<PlacementLocationEntity>,
  ) {}

  /** Written before the request appends to the shelter's stream, so a command right after it finds it. */
  async record(location: PlacementLocation): Promise<void> {
    await this.locations.createQueryBuilder().insert().values(location).orIgnore().execute();
  }

  /** The shelters where the case has had a placement requested. */
  async sheltersOfCase(caseId: string): Promise<string[]> {
    const rows = await this.locations
      .createQueryBuilder('l')
      .select('DISTINCT l.shelter_id', 'shelterId')
      .where('l.case_id = :caseId', { caseId })
      .getRawMany<{ shelterId: string }>();
    return rows.map((row) => row.shelterId);
  }

  async locate(placementId: string): Promise<PlacementLocation> {
    const found = await this.locations.findOne({ where: { placementId } });
    if (!found) throw new NotFoundError(`Placement ${placementId} not found`);
    return { placementId: found.placementId, shelterId: found.shelterId, caseId: found.caseId };
  }
}
