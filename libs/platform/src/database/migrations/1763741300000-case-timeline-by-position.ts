import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's timeline also shows events of other streams that concern it (a shelter's answer to a
 * placement): entries are keyed by the event's global position, not the case stream's revision.
 */
export class CaseTimelineByPosition1763741300000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_timeline_entries DROP CONSTRAINT case_timeline_entries_pkey`);
    await queryRunner.query(`ALTER TABLE case_timeline_entries ADD PRIMARY KEY (case_id, global_position)`);
    await queryRunner.query(`ALTER TABLE case_timeline_entries ADD COLUMN stream_name text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_timeline_entries DROP COLUMN stream_name`);
    await queryRunner.query(`ALTER TABLE case_timeline_entries DROP CONSTRAINT case_timeline_entries_pkey`);
    await queryRunner.query(`ALTER TABLE case_timeline_entries ADD PRIMARY KEY (case_id, revision)`);
  }
}
