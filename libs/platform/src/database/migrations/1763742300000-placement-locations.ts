import { sqlMigration } from '../sql-migration';

/**
 * Write side of placements: which shelter (and case) a placement belongs to, written by the request
 * before it appends, so that a command on the placement finds its shelter's stream at once (never
 * through a read model, which may lag behind the caller's own request). Not a projection: a rebuild
 * of the read models leaves it alone. Filled for placements requested before it existed, from the
 * PostgreSQL event store (PlacementRequested holds no personal data) and from the placements read
 * model (which is all there is with EventStoreDB).
 */
export const PlacementLocations1763742300000 = sqlMigration('PlacementLocations1763742300000', {
  up: [
    `
      CREATE TABLE placement_locations (
        placement_id uuid PRIMARY KEY,
        shelter_id uuid NOT NULL,
        case_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX placement_locations_case_idx ON placement_locations (case_id)`,
    `
      INSERT INTO placement_locations (placement_id, shelter_id, case_id)
      SELECT (data->>'placementId')::uuid, (data->>'shelterId')::uuid, (data->>'caseId')::uuid
      FROM events WHERE event_type = 'PlacementRequested'
      ON CONFLICT DO NOTHING`,
    `
      INSERT INTO placement_locations (placement_id, shelter_id, case_id)
      SELECT placement_id, shelter_id, case_id FROM placements
      ON CONFLICT DO NOTHING`,
  ],
  down: [`DROP TABLE placement_locations`],
});
