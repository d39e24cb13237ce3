import { sqlMigration } from '../sql-migration';

/**
 * A case's timeline also shows events of other streams that concern it (a shelter's answer to a
 * placement): entries are keyed by the event's global position, not the case stream's revision.
 */
export const CaseTimelineByPosition1763741300000 = sqlMigration('CaseTimelineByPosition1763741300000', {
  up: [
    `ALTER TABLE case_timeline_entries DROP CONSTRAINT case_timeline_entries_pkey`,
    `ALTER TABLE case_timeline_entries ADD PRIMARY KEY (case_id, global_position)`,
    `ALTER TABLE case_timeline_entries ADD COLUMN stream_name text`,
  ],
  down: [
    `ALTER TABLE case_timeline_entries DROP COLUMN stream_name`,
    `ALTER TABLE case_timeline_entries DROP CONSTRAINT case_timeline_entries_pkey`,
    `ALTER TABLE case_timeline_entries ADD PRIMARY KEY (case_id, revision)`,
  ],
});
