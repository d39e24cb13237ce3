import { sqlMigration } from '../sql-migration';

/**
 * A historical read (GET /cases/{id}?asOf=, GET /cases/{id}/timeline?asOf=) shows the personal data
 * as it was recorded at a past instant: the read audit keeps that instant, null for a read of now.
 * Adding a column changes no row, so the append-only triggers of case_read_log stay as they are.
 */
export const CaseReadLogAsOf1763742570000 = sqlMigration('CaseReadLogAsOf1763742570000', {
  up: [`ALTER TABLE case_read_log ADD COLUMN as_of timestamptz`],
  down: [`ALTER TABLE case_read_log DROP COLUMN as_of`],
});
