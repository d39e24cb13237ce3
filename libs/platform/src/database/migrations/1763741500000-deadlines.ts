import { sqlMigration } from '../sql-migration';

/**
 * Deadlines live here, never only in Redis: the deadline board and the scheduler's source of
 * truth (the reconciler re-creates jobs from this table). Notifications are the inbox.
 */
export const Deadlines1763741500000 = sqlMigration('Deadlines1763741500000', {
  up: [
    `
      CREATE TABLE deadlines (
        deadline_id text PRIMARY KEY CHECK (deadline_id !~ ':'),
        kind text NOT NULL,
        case_id uuid NOT NULL,
        reference text,
        responsible_organisation_id text NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'met', 'expired', 'cancelled')),
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        escalated_at timestamptz,
        fired_steps text[] NOT NULL DEFAULT '{}',
        updated_position bigint NOT NULL
      )`,
    `CREATE INDEX deadlines_open_due_idx ON deadlines (due_at) WHERE status = 'open'`,
    `CREATE INDEX deadlines_case_idx ON deadlines (case_id)`,
    `
      CREATE TABLE notifications (
        notification_id uuid PRIMARY KEY,
        recipient_organisation_id text,
        recipient_role text,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        deadline_id text NOT NULL,
        deadline_version integer NOT NULL,
        step text NOT NULL,
        case_id uuid NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        read_by text,
        CONSTRAINT notifications_once UNIQUE (deadline_id, deadline_version, step)
      )`,
    `CREATE INDEX notifications_inbox_idx ON notifications (recipient_organisation_id, recipient_role, created_at DESC)`,
  ],
  down: [`DROP TABLE notifications`, `DROP TABLE deadlines`],
});
