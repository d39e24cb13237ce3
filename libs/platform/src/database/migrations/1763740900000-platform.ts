import { sqlMigration } from '../sql-migration';

/** Projection checkpoints and the Idempotency-Key store. */
export const Platform1763740900000 = sqlMigration('Platform1763740900000', {
  up: [
    `
      CREATE TABLE projection_checkpoints (
        projection text PRIMARY KEY,
        position bigint,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response_body jsonb,
        response_headers jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (scope, key)
      )`,
  ],
  down: [`DROP TABLE idempotency_keys`, `DROP TABLE projection_checkpoints`],
});
