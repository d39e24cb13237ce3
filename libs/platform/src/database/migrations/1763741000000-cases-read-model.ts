import { sqlMigration } from '../sql-migration';

/** Read models of cases: the summary list and the readable timeline; case numbers. */
export const CasesReadModel1763741000000 = sqlMigration('CasesReadModel1763741000000', {
  up: [
    `CREATE SEQUENCE case_number_seq`,
    `
      CREATE TABLE case_summaries (
        case_id uuid PRIMARY KEY,
        case_number text NOT NULL UNIQUE,
        revision bigint NOT NULL,
        stage text NOT NULL,
        status text NOT NULL,
        organisation_id text NOT NULL,
        opening_organisation_type text NOT NULL,
        person_id uuid NOT NULL,
        person jsonb,
        personal_data_erased boolean NOT NULL DEFAULT false,
        sex text NOT NULL,
        age_at_identification integer NOT NULL,
        is_child boolean NOT NULL,
        citizenship text NOT NULL,
        identification jsonb NOT NULL,
        exploitation_types text[] NOT NULL,
        indicator_catalogue_version text NOT NULL,
        indicator_codes text[] NOT NULL,
        urgent_needs text[] NOT NULL,
        consent_to_referral boolean NOT NULL,
        narrative text,
        next_deadline_at timestamptz,
        opened_at timestamptz NOT NULL,
        opened_by jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    `CREATE INDEX case_summaries_organisation_idx ON case_summaries (organisation_id, opened_at DESC)`,
    `CREATE INDEX case_summaries_opened_idx ON case_summaries (opened_at DESC, case_id)`,
    `
      CREATE TABLE case_timeline_entries (
        case_id uuid NOT NULL,
        revision bigint NOT NULL,
        global_position bigint NOT NULL,
        event_type text NOT NULL,
        summary text NOT NULL,
        details jsonb NOT NULL,
        actor_id text NOT NULL,
        actor_name text,
        organisation_id text NOT NULL,
        organisation_type text,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, revision)
      )`,
  ],
  down: [`DROP TABLE case_timeline_entries`, `DROP TABLE case_summaries`, `DROP SEQUENCE case_number_seq`],
});
