import type { Projection } from '@nrm/projections';

/** The shelter context's own read-model entities (shelters with free beds, placements). */
export const SHELTER_ENTITIES: (new () => object)[] = [];

/** The shelter context's own projections. */
export function shelterProjections(): Projection[] {
  return [];
}
