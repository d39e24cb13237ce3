import { sqlMigration } from '../sql-migration';

/**
 * Supervisor approvals (issue 13, item 3):
 * - `approvals`: the approvals list (read model of the approvals projection);
 * - notifications for one person (`recipient_user_id`: the requester is told the outcome), and the
 *   approval notification kinds.
 */
export const Approvals1763742580000 = sqlMigration('Approvals1763742580000', {
  up: [
    `
      CREATE TABLE approvals (
        approval_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        case_number text NOT NULL,
        command_type text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'granted', 'rejected')),
        command jsonb,
        approver_organisation_id text NOT NULL,
        requested_by_user_id text NOT NULL,
        requested_by_name text NOT NULL,
        requested_by_organisation_id text NOT NULL,
        requested_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by_user_id text,
        decided_by_name text,
        rejection_reason text,
        personal_data_erased boolean NOT NULL DEFAULT false,
        updated_position bigint NOT NULL
      )`,
    `CREATE INDEX approvals_pending_idx ON approvals (status, approver_organisation_id, due_at)`,
    `CREATE INDEX approvals_case_idx ON approvals (case_id)`,
    `CREATE INDEX approvals_requester_idx ON approvals (requested_by_user_id)`,
    `ALTER TABLE notifications ADD COLUMN recipient_user_id text`,
    `CREATE INDEX notifications_user_idx ON notifications (recipient_user_id, created_at DESC)
       WHERE recipient_user_id IS NOT NULL`,
    `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`,
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'consent-withdrawn', 'possible-duplicate',
        'approval-requested', 'approval-granted', 'approval-rejected'))`,
  ],
  down: [
    `DELETE FROM notifications WHERE kind LIKE 'approval-%'`,
    `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`,
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'consent-withdrawn', 'possible-duplicate'))`,
    `ALTER TABLE notifications DROP COLUMN recipient_user_id`,
    `DROP TABLE approvals`,
  ],
});
