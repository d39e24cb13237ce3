import { sqlMigration } from '../sql-migration';

/** The screening summary by ILO/EC dimension is kept with the case, computed when it is projected. */
export const CaseIndicatorScreening1763741200000 = sqlMigration('CaseIndicatorScreening1763741200000', {
  up: [`ALTER TABLE case_summaries ADD COLUMN indicator_screening jsonb NOT NULL DEFAULT '[]'`],
  down: [`ALTER TABLE case_summaries DROP COLUMN indicator_screening`],
});
