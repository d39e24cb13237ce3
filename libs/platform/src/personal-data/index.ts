import type { Environment } from '../config/environment';
import {
  EncryptedPersonalDataProtector,
  masterKeyFromBase64,
  type SqlQuery,
} from './encrypted-personal-data-protector';

export * from './encrypted-personal-data-protector';

/** The protector every process uses: keys in PostgreSQL (through `query`), wrapped by the environment's master key. */
export function personalDataProtectorFor(
  env: Pick<Environment, 'PERSONAL_DATA_MASTER_KEY'>,
  query: SqlQuery,
): EncryptedPersonalDataProtector {
  return new EncryptedPersonalDataProtector(query, masterKeyFromBase64(env.PERSONAL_DATA_MASTER_KEY));
}
