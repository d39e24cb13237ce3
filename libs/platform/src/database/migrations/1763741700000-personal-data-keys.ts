import { sqlMigration } from '../sql-migration';

/**
 * One data key per person (crypto-shredding, DESIGN §5): the personal data in that person's events
 * is encrypted with it. `wrapped_key` is the key encrypted with the master key from the environment
 * (PERSONAL_DATA_MASTER_KEY); erasure sets it to NULL and `erased_at`, after which the data can no
 * longer be read by anyone. The row stays, so a later write for the person stores nothing personal.
 */
export const PersonalDataKeys1763741700000 = sqlMigration('PersonalDataKeys1763741700000', {
  up: [
    `
      CREATE TABLE personal_data_keys (
        subject_id uuid PRIMARY KEY,
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT personal_data_keys_erased_has_no_key CHECK (erased_at IS NULL OR wrapped_key IS NULL),
        CONSTRAINT personal_data_keys_live_has_key CHECK (erased_at IS NOT NULL OR wrapped_key IS NOT NULL)
      )`,
  ],
  down: [`DROP TABLE personal_data_keys`],
});
