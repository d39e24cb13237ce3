import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys get a lease (EVENT_STORE=esdb: a holder that died is taken over once it lapses)
 * and an index on their first use, so keys past their retention are purged cheaply.
 */
export class IdempotencyKeyLease1763742000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN lease_until timestamptz`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idempotency_keys_created_at_idx`);
    await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN lease_until`);
  }
}
