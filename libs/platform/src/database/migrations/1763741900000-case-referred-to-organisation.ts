import { sqlMigration } from '../sql-migration';

/**
 * Need to know: case workers see the cases referred to their organisation, so the case summary
 * keeps the organisation a case was referred to. Filled from the event store for cases referred
 * before this column existed (CaseReferred.competentAuthorityOrgId is not personal data).
 */
export const CaseReferredToOrganisation1763741900000 = sqlMigration('CaseReferredToOrganisation1763741900000', {
  up: [
    `ALTER TABLE case_summaries ADD COLUMN referred_to_organisation_id text`,
    `
      UPDATE case_summaries c SET referred_to_organisation_id = r.org
      FROM (
        SELECT DISTINCT ON (stream_name) stream_name, data->>'competentAuthorityOrgId' AS org
        FROM events WHERE event_type = 'CaseReferred'
        ORDER BY stream_name, global_position DESC
      ) r
      WHERE r.stream_name = 'case-' || c.case_id::text`,
    `CREATE INDEX case_summaries_referred_to_idx ON case_summaries (referred_to_organisation_id)
       WHERE referred_to_organisation_id IS NOT NULL`,
  ],
  down: [
    `DROP INDEX case_summaries_referred_to_idx`,
    `ALTER TABLE case_summaries DROP COLUMN referred_to_organisation_id`,
  ],
});
