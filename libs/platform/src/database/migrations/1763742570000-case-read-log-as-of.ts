import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A historical read (GET /cases/{id}?asOf=, GET /cases/{id}/timeline?asOf=) shows the personal data
 * as it was recorded at a past instant: the read audit keeps that instant, null for a read of now.
 * Adding a column changes no row, so the append-only triggers of case_read_log stay as they are.
 */
export class CaseReadLogAsOf1763742570000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_read_log ADD COLUMN as_of timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_read_log DROP COLUMN as_of`);
  }
}
