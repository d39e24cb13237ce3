import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of the shelter context (filled in by that context). */
export class Shelters1763741400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    void queryRunner;
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    void queryRunner;
  }
}
