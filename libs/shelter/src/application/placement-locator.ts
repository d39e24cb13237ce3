import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PlacementEntity } from '../read-models/placement.entity';

/**
 * Which shelter a placement belongs to, from the placements read model (a placement never moves
 * between shelters). The shelter's stream then decides, on its own current state.
 */
@Injectable()
export class PlacementLocator {
  constructor(@InjectRepository(PlacementEntity) private readonly placements: Repository<PlacementEntity>) {}

  async shelterOf(placementId: string): Promise<string> {
    const found = await this.placements.findOne({ where: { placementId }, select: { shelterId: true } });
    if (!found) throw new NotFoundException(`Placement ${placementId} not found`);
    return found.shelterId;
  }
}
