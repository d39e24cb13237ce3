import { sqlMigration } from '../sql-migration';

/**
 * The event store's read bound (issue 9) as a function, so that a read of the whole store can be
 * planned anew on every call for the cost of a one-table query. Planned once per connection, a
 * read kept the plan made while the store was empty and its statistics said so (the bench's
 * VACUUM ANALYZE; a fresh installation's maintenance) and scanned the whole events table on every
 * read until the next ANALYZE: 2,000 buffers and 1.7 ms a read in the bench (pg_stat_statements,
 * auto_explain). PL/pgSQL, so that it is never inlined into the read (its own statement keeps one
 * plan: it reads no table whose size changes).
 *
 * The bound: readers only see transactions older than the oldest one still running (the
 * snapshot's xmin), leaving out those that pg_stat_activity shows in another database, which
 * cannot append here; a transaction it cannot place still bounds the read.
 */
export const EventsReadBound1763742590000 = sqlMigration('EventsReadBound1763742590000', {
  up: [
    `
      CREATE FUNCTION nrm_events_read_bound() RETURNS xid8 LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (
          SELECT coalesce(
            (SELECT min(running.xid) FROM pg_snapshot_xip(snapshot.s) AS running (xid)
             WHERE NOT EXISTS (
               SELECT 1 FROM pg_stat_activity elsewhere
               WHERE elsewhere.datname <> current_database()
                 AND elsewhere.backend_xid::text::bigint = running.xid::text::bigint % 4294967296)),
            pg_snapshot_xmax(snapshot.s))
          FROM pg_current_snapshot() AS snapshot (s));
      END $$`,
  ],
  down: [`DROP FUNCTION nrm_events_read_bound()`],
});
