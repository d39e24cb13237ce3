import { sqlMigration } from '../sql-migration';

/**
 * Tamper-evident history (issue 13): every event row carries the hash of its predecessor in its
 * stream (`previous_hash`, null for revision 0) and its own chain hash (`hash`), computed over the
 * row as stored (encrypted personal data, never plaintext: destroying a person's key changes no
 * row, so an erasure keeps the chain valid). The database computes both in a BEFORE INSERT
 * trigger, whatever code appends, and overwrites anything a writer puts there.
 *
 * Signed anchors of every stream's head (`integrity_anchors`) detect what a chain alone cannot:
 * the removal of a stream's last events.
 */
export const EventHashChain1763742550000 = sqlMigration('EventHashChain1763742550000', {
  up: [
    // The stored columns in one unambiguous text (a JSON array), after the predecessor's hash.
    // Verification recomputes it with this same function (PostgresEventStore.readChain).
    `
      CREATE FUNCTION nrm_event_hash(
        previous_hash bytea, stream_name text, stream_revision bigint, event_id uuid,
        event_type text, schema_version integer, data jsonb, metadata jsonb
      ) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT sha256(coalesce(previous_hash, ''::bytea) || convert_to(
          jsonb_build_array(stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)::text,
          'UTF8'))
      $$`,
    `ALTER TABLE events ADD COLUMN previous_hash bytea, ADD COLUMN hash bytea`,
    // Existing events: the chain of each stream in revision order.
    `
      DO $$
      DECLARE
        event record;
        previous bytea;
        previous_stream text;
      BEGIN
        FOR event IN SELECT * FROM events ORDER BY stream_name, stream_revision LOOP
          IF previous_stream IS DISTINCT FROM event.stream_name THEN previous := NULL; END IF;
          UPDATE events SET previous_hash = previous, hash = nrm_event_hash(previous, event.stream_name,
              event.stream_revision, event.event_id, event.event_type, event.schema_version, event.data, event.metadata)
            WHERE global_position = event.global_position
            RETURNING hash INTO previous;
          previous_stream := event.stream_name;
        END LOOP;
      END $$`,
    `ALTER TABLE events ALTER COLUMN hash SET NOT NULL`,
    // One index lookup per inserted row (the unique (stream_name, stream_revision) index). Rows
    // inserted earlier by the same statement are visible here, so a multi-event append chains too.
    `
      CREATE FUNCTION nrm_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous bytea;
      BEGIN
        IF NEW.stream_revision > 0 THEN
          SELECT hash INTO previous FROM events
            WHERE stream_name = NEW.stream_name AND stream_revision = NEW.stream_revision - 1;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'event % of stream % has no predecessor to chain to', NEW.stream_revision, NEW.stream_name;
          END IF;
        END IF;
        NEW.previous_hash := previous;
        NEW.hash := nrm_event_hash(previous, NEW.stream_name, NEW.stream_revision, NEW.event_id,
          NEW.event_type, NEW.schema_version, NEW.data, NEW.metadata);
        RETURN NEW;
      END $$`,
    `CREATE TRIGGER events_hash_chain BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION nrm_events_chain()`,
    `
      CREATE TABLE integrity_anchors (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        anchored_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        signature text NOT NULL
      )`,
  ],
  down: [
    `DROP TABLE integrity_anchors`,
    `DROP TRIGGER events_hash_chain ON events`,
    `DROP FUNCTION nrm_events_chain()`,
    `ALTER TABLE events DROP COLUMN previous_hash, DROP COLUMN hash`,
    `DROP FUNCTION nrm_event_hash(bytea, text, bigint, uuid, text, integer, jsonb, jsonb)`,
  ],
});
