import { sqlMigration } from '../sql-migration';

/**
 * The trigger that announced appends until migration 1763742540000 left that to the writer (its
 * down creates it again).
 */
export const CREATE_APPEND_NOTIFY_TRIGGER = [
  `CREATE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify('nrm_events_appended', (SELECT max(global_position)::text FROM appended));
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER events_appended AFTER INSERT ON events
   REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended()`,
];

/**
 * Projections are woken, not polling: every statement that appends events notifies
 * `nrm_events_appended` with the highest position it wrote (delivered at commit; the append
 * statement itself does not change). A projection that cannot apply an event stops there alone:
 * where and why is kept with its checkpoint (read by /health and /metrics, cleared by
 * `npm run projections -- resume|skip`), and every skipped event is recorded with its reason.
 */
export const ProjectionWakeAndStops1763742100000 = sqlMigration('ProjectionWakeAndStops1763742100000', {
  up: [
    ...CREATE_APPEND_NOTIFY_TRIGGER,
    `
      ALTER TABLE projection_checkpoints
        ADD COLUMN stopped_at timestamptz,
        ADD COLUMN stopped_position bigint,
        ADD COLUMN stopped_error text`,
    `
      CREATE TABLE projection_skipped_events (
        projection text NOT NULL,
        global_position bigint NOT NULL,
        error text NOT NULL,
        reason text NOT NULL,
        skipped_by text NOT NULL,
        skipped_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, global_position)
      )`,
  ],
  down: [
    `DROP TABLE projection_skipped_events`,
    `
      ALTER TABLE projection_checkpoints
        DROP COLUMN stopped_at, DROP COLUMN stopped_position, DROP COLUMN stopped_error`,
    `DROP TRIGGER events_appended ON events`,
    `DROP FUNCTION notify_events_appended()`,
  ],
});
