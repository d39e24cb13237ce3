import type { Environment } from '../config/environment';
import {
  EncryptedPersonalDataProtector,
  masterKeyFromBase64,
  type SqlQuery,
  type SqlWithoutResult,
} from './encrypted-personal-data-protector';

export * from './encrypted-personal-data-protector';

/**
 * The protector every process uses: keys in PostgreSQL (through `query`; new subjects' keys through
 * `sendWithNext` when given), wrapped by the environment's master key.
 */
export function personalDataProtectorFor(
  env: Pick<Environment, 'PERSONAL_DATA_MASTER_KEY'>,
  query: SqlQuery,
  sendWithNext?: SqlWithoutResult,
): EncryptedPersonalDataProtector {
  return new EncryptedPersonalDataProtector(query, masterKeyFromBase64(env.PERSONAL_DATA_MASTER_KEY), sendWithNext);
}
