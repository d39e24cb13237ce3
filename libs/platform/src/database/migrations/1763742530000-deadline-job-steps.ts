import { sqlMigration } from '../sql-migration';

/**
 * The scheduler's state leaves the read model (issue 10): which step of which deadline version
 * fired, and when, is written by the deadline jobs into `deadline_job_steps`, a table no read-model
 * rebuild truncates; `deadlines` keeps only what the projection derives from events. Filled from
 * the notifications the jobs sent and from the columns it replaces.
 */
export const DeadlineJobSteps1763742530000 = sqlMigration('DeadlineJobSteps1763742530000', {
  up: [
    `
      CREATE TABLE deadline_job_steps (
        deadline_id text NOT NULL,
        deadline_version integer NOT NULL,
        step text NOT NULL,
        fired_at timestamptz NOT NULL,
        PRIMARY KEY (deadline_id, deadline_version, step)
      )`,
    `INSERT INTO deadline_job_steps (deadline_id, deadline_version, step, fired_at)
      SELECT deadline_id, deadline_version, step, created_at FROM notifications WHERE kind IN ('reminder', 'escalation')
      ON CONFLICT DO NOTHING`,
    `INSERT INTO deadline_job_steps (deadline_id, deadline_version, step, fired_at)
      SELECT d.deadline_id, d.version, s.step,
        COALESCE(CASE WHEN s.step = 'due' THEN d.escalated_at ELSE d.last_reminded_at END, d.due_at)
      FROM deadlines d CROSS JOIN LATERAL unnest(d.fired_steps) AS s(step)
      ON CONFLICT DO NOTHING`,
    `ALTER TABLE deadlines DROP COLUMN fired_steps, DROP COLUMN escalated_at, DROP COLUMN last_reminded_at`,
  ],
  down: [
    `ALTER TABLE deadlines ADD COLUMN escalated_at timestamptz,
      ADD COLUMN fired_steps text[] NOT NULL DEFAULT '{}', ADD COLUMN last_reminded_at timestamptz`,
    `UPDATE deadlines d SET
      fired_steps = ARRAY(SELECT s.step FROM deadline_job_steps s
        WHERE s.deadline_id = d.deadline_id AND s.deadline_version = d.version ORDER BY s.fired_at, s.step),
      escalated_at = (SELECT min(s.fired_at) FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id AND s.step = 'due'),
      last_reminded_at = (SELECT max(s.fired_at) FROM deadline_job_steps s
        WHERE s.deadline_id = d.deadline_id AND s.step <> 'due')`,
    `DROP TABLE deadline_job_steps`,
  ],
});
