import { sqlMigration } from '../sql-migration';

/**
 * The access log of a case (DESIGN §5, GET /cases/{id}/access-log):
 * - `case_read_log`: every read of a case's personal data, written by the API in the request. It is
 *   NOT a read model (no projection owns it; a rebuild never empties it) and it is append-only in the
 *   database itself: UPDATE, DELETE and TRUNCATE are rejected by triggers.
 * - `case_disclosures`: which organisation received which categories of a case's data (referral,
 *   transfer, placement, child-protection notification); a read model of the `case-disclosures`
 *   projection, one row per event (keyed by its global position), rebuilt from the events.
 * - `case_disclosure_shelters`: the operator of each shelter, kept by the same projection so that it
 *   never waits on another projection's table.
 * None of these tables holds personal data of the victim: staff user ids and names, organisation
 * ids, endpoints and data categories only.
 */
export const CaseAccessLog1763741600000 = sqlMigration('CaseAccessLog1763741600000', {
  up: [
    `
      CREATE TABLE case_read_log (
        read_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL,
        endpoint text NOT NULL,
        user_id text NOT NULL,
        user_name text,
        organisation_id text NOT NULL,
        organisation_type text,
        read_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX case_read_log_case_idx ON case_read_log (case_id, read_at, read_id)`,
    `
      CREATE FUNCTION case_read_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_read_log is append-only: % is not allowed (the read audit of case data is never edited)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`,
    `
      CREATE TRIGGER case_read_log_no_update_or_delete BEFORE UPDATE OR DELETE ON case_read_log
        FOR EACH ROW EXECUTE FUNCTION case_read_log_is_append_only()`,
    `
      CREATE TRIGGER case_read_log_no_truncate BEFORE TRUNCATE ON case_read_log
        FOR EACH STATEMENT EXECUTE FUNCTION case_read_log_is_append_only()`,
    `
      CREATE TABLE case_disclosures (
        global_position bigint PRIMARY KEY,
        case_id uuid NOT NULL,
        event_type text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('referral', 'transfer', 'placement', 'child-protection-notification')),
        recipient_organisation_id text NOT NULL,
        recipient_organisation_type text,
        shelter_id text,
        shelter_name text,
        placement_id text,
        categories text[] NOT NULL,
        disclosed_by_user_id text NOT NULL,
        disclosed_by_name text,
        disclosed_by_organisation_id text NOT NULL,
        disclosed_by_organisation_type text,
        disclosed_at timestamptz NOT NULL
      )`,
    `CREATE INDEX case_disclosures_case_idx ON case_disclosures (case_id, disclosed_at)`,
    `
      CREATE TABLE case_disclosure_shelters (
        shelter_id text PRIMARY KEY,
        operator_org_id text NOT NULL
      )`,
  ],
  down: [
    `DROP TABLE case_disclosure_shelters`,
    `DROP TABLE case_disclosures`,
    `DROP TABLE case_read_log`,
    `DROP FUNCTION case_read_log_is_append_only()`,
  ],
});
