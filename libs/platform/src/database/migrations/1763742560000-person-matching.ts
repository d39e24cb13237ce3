import { sqlMigration } from '../sql-migration';

/**
 * Duplicate-person alerts (issue 13, item 4):
 * - `person_blind_index` (write side): keyed hashes (HMAC-SHA256 with PERSON_MATCH_KEY) of a case's
 *   normalised name with birth data, written with the case's opening in one transaction, deleted
 *   with its erasure. Holds no personal data in clear and nothing that can be reversed without the key.
 * - `possible_duplicates` (write side): an alert for coordinators, naming cases by id and number.
 *   Its resolution is an event (duplicate-alert-<id> stream); the row's status follows it.
 * - `person_links` (read model, projected from DuplicatePersonLinked): which persons are one, so
 *   statistics count them once.
 * - a notification kind for coordinators' alerts.
 */
export const PersonMatching1763742560000 = sqlMigration('PersonMatching1763742560000', {
  up: [
    `
      CREATE TABLE person_blind_index (
        digest text NOT NULL,
        case_id uuid NOT NULL,
        person_id uuid NOT NULL,
        case_number text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (digest, case_id)
      )`,
    `CREATE INDEX person_blind_index_case_idx ON person_blind_index (case_id)`,
    // The most recent entries of a digest first: an opening reads at most a few, however many share it.
    `CREATE INDEX person_blind_index_recent_idx ON person_blind_index (digest, recorded_at DESC)`,
    `
      CREATE TABLE possible_duplicates (
        alert_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        case_number text NOT NULL,
        person_id uuid NOT NULL,
        matched_cases jsonb NOT NULL,
        detected_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'dismissed')),
        resolved_at timestamptz,
        resolved_by text
      )`,
    `CREATE INDEX possible_duplicates_status_idx ON possible_duplicates (status, detected_at DESC)`,
    `
      CREATE TABLE person_links (
        person_id uuid PRIMARY KEY,
        group_id uuid NOT NULL
      )`,
    `CREATE INDEX person_links_group_idx ON person_links (group_id)`,
    `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`,
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'consent-withdrawn', 'possible-duplicate'))`,
  ],
  down: [
    `DELETE FROM notifications WHERE kind = 'possible-duplicate'`,
    `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`,
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'consent-withdrawn'))`,
    `DROP TABLE person_links`,
    `DROP TABLE possible_duplicates`,
    `DROP TABLE person_blind_index`,
  ],
});
