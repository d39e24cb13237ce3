import { sqlMigration } from '../sql-migration';

/**
 * The case page shows every track of a case (case_summaries.tracks) and lists filter on the tracks a
 * case is in now (active_tracks). Rows already there start with empty tracks: run
 * `npm run rebuild-read-models` once after this migration to fill them from the events.
 */
export const CaseSummaryTracks1763742300100 = sqlMigration('CaseSummaryTracks1763742300100', {
  up: [
    `
      ALTER TABLE case_summaries
        ADD COLUMN tracks jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN active_tracks text[] NOT NULL DEFAULT '{}'`,
    `CREATE INDEX case_summaries_active_tracks_idx ON case_summaries USING gin (active_tracks)`,
  ],
  down: [
    `DROP INDEX case_summaries_active_tracks_idx`,
    `ALTER TABLE case_summaries DROP COLUMN active_tracks, DROP COLUMN tracks`,
  ],
});
