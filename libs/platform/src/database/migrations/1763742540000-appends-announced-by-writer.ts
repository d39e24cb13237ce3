import { sqlMigration } from '../sql-migration';
import { CREATE_APPEND_NOTIFY_TRIGGER } from './1763742100000-projection-wake-and-stops';

/**
 * Appends are announced on `nrm_events_appended` by the writer after its commit
 * (PostgresEventStore.announce), no longer by a trigger inside the appending transaction: a
 * NOTIFY holds a database-wide lock through its transaction's commit, which made every append
 * commit one after the other (pgbench at 32 clients: 3.5× fewer single-row INSERTs with the trigger).
 */
export const AppendsAnnouncedByWriter1763742540000 = sqlMigration('AppendsAnnouncedByWriter1763742540000', {
  up: [`DROP TRIGGER events_appended ON events`, `DROP FUNCTION notify_events_appended()`],
  down: CREATE_APPEND_NOTIFY_TRIGGER,
});
