import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case numbers are handed out in blocks of 20 per process (one query per block, not per case). */
export class CaseNumberBlocks1763741100000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER SEQUENCE case_number_seq INCREMENT BY 20`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER SEQUENCE case_number_seq INCREMENT BY 1`);
  }
}
