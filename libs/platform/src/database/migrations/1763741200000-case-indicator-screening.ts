import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The screening summary by ILO/EC dimension is kept with the case, computed when it is projected. */
export class CaseIndicatorScreening1763741200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_summaries ADD COLUMN indicator_screening jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_summaries DROP COLUMN indicator_screening`);
  }
}
