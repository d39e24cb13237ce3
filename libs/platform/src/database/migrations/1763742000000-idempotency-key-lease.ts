import { sqlMigration } from '../sql-migration';

/**
 * Idempotency keys get a lease (EVENT_STORE=esdb: a holder that died is taken over once it lapses)
 * and an index on their first use, so keys past their retention are purged cheaply.
 */
export const IdempotencyKeyLease1763742000000 = sqlMigration('IdempotencyKeyLease1763742000000', {
  up: [
    `ALTER TABLE idempotency_keys ADD COLUMN lease_until timestamptz`,
    `CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`,
  ],
  down: [`DROP INDEX idempotency_keys_created_at_idx`, `ALTER TABLE idempotency_keys DROP COLUMN lease_until`],
});
