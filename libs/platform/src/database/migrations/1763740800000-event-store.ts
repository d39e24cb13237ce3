import { sqlMigration } from '../sql-migration';

/**
 * The PostgreSQL event store. One table: every stream's events with a global position and the id
 * of the writing transaction (readers bound themselves by the snapshot's xmin, so a transaction that
 * commits late is never skipped); unique (stream, revision) is the optimistic-concurrency check.
 */
export const EventStore1763740800000 = sqlMigration('EventStore1763740800000', {
  up: [
    `
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_name, stream_revision),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`,
    `CREATE INDEX events_global_order_idx ON events (transaction_id, global_position)`,
  ],
  down: [`DROP TABLE events`],
});
