import { sqlMigration } from '../sql-migration';

/** Read models of the shelter context: shelters with their free beds, and placements per shelter. */
export const Shelters1763741400000 = sqlMigration('Shelters1763741400000', {
  up: [
    `
      CREATE TABLE shelters (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        operator_org_id text NOT NULL,
        region text NOT NULL,
        beds integer NOT NULL,
        occupied integer NOT NULL DEFAULT 0,
        accepts text[] NOT NULL,
        revision bigint NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    `CREATE INDEX shelters_region_idx ON shelters (region, name)`,
    `
      CREATE TABLE placements (
        placement_id uuid PRIMARY KEY,
        shelter_id uuid NOT NULL,
        case_id uuid NOT NULL,
        status text NOT NULL,
        needs text[] NOT NULL,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz,
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        checked_out_on date,
        reason text,
        revision bigint NOT NULL
      )`,
    `CREATE INDEX placements_shelter_idx ON placements (shelter_id, requested_at)`,
    `CREATE INDEX placements_case_idx ON placements (case_id)`,
  ],
  down: [`DROP TABLE placements`, `DROP TABLE shelters`],
});
