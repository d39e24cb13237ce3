import { sqlMigration } from '../sql-migration';

/**
 * Deadlines and the inbox as people read them (issue 11, items 5 and 6):
 * - `deadlines.late`: a deadline met after it fell due stays marked late (the annual report counts
 *   on-time hand-overs); `closed_reason` says why a deadline was cancelled (case-closed,
 *   consent-withdrawn); `last_reminded_at` (the scheduler's) keeps an extension from repeating a
 *   reminder that already went out.
 * - `notification_reads`: reading is per person (one coordinator reading an escalation leaves it
 *   unread for the others). Readings recorded so far move there; the shared columns go.
 * - a notification kind for a consent withdrawn after referral.
 */
export const DeadlinesInbox1763742400000 = sqlMigration('DeadlinesInbox1763742400000', {
  up: [
    `ALTER TABLE deadlines
      ADD COLUMN late boolean NOT NULL DEFAULT false,
      ADD COLUMN closed_reason text,
      ADD COLUMN last_reminded_at timestamptz`,
    `
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications (notification_id) ON DELETE CASCADE,
        user_id text NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      )`,
    `CREATE INDEX notification_reads_user_idx ON notification_reads (user_id)`,
    `INSERT INTO notification_reads (notification_id, user_id, read_at)
      SELECT notification_id, read_by, read_at FROM notifications WHERE read_by IS NOT NULL AND read_at IS NOT NULL`,
    `ALTER TABLE notifications DROP COLUMN read_at, DROP COLUMN read_by`,
    `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`,
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'consent-withdrawn'))`,
  ],
  down: [
    `DELETE FROM notifications WHERE kind = 'consent-withdrawn'`,
    `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`,
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation'))`,
    `ALTER TABLE notifications ADD COLUMN read_at timestamptz, ADD COLUMN read_by text`,
    `UPDATE notifications n SET read_at = r.read_at, read_by = r.user_id
      FROM (SELECT DISTINCT ON (notification_id) notification_id, user_id, read_at FROM notification_reads
            ORDER BY notification_id, read_at) r
      WHERE r.notification_id = n.notification_id`,
    `DROP TABLE notification_reads`,
    `ALTER TABLE deadlines DROP COLUMN late, DROP COLUMN closed_reason, DROP COLUMN last_reminded_at`,
  ],
});
