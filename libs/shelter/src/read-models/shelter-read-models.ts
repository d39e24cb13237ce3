import type { Projection } from '@nrm/projections';
import { PlacementEntity } from './placement.entity';
import { ShelterEntity } from './shelter.entity';
import { SheltersProjection } from './shelters.projection';

/** The shelter context's own read-model entities (shelters with free beds, placements). */
export const SHELTER_ENTITIES: (new () => object)[] = [ShelterEntity, PlacementEntity];

/** The shelter context's own projections. */
export function shelterProjections(): Projection[] {
  return [new SheltersProjection()];
}
