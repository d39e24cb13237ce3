import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CREATE_APPEND_NOTIFY_TRIGGER } from './1763742100000-projection-wake-and-stops';

/**
 * Appends are announced on `nrm_events_appended` by the writer after its commit
 * (PostgresEventStore.announce), no longer by a trigger inside the appending transaction: a
 * NOTIFY holds a database-wide lock through its transaction's commit, which made every append
 * commit one after the other (pgbench at 32 clients: 3.5× fewer single-row INSERTs with the trigger).
 */
export class AppendsAnnouncedByWriter1763742540000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_appended ON events`);
    await queryRunner.query(`DROP FUNCTION notify_events_appended()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of CREATE_APPEND_NOTIFY_TRIGGER) await queryRunner.query(statement);
  }
}
