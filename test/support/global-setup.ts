// eslint-disable-next-line no-restricted-imports -- jest loads its global setup without the @nrm path mapping
import { runMigrations } from '../../libs/platform/src/database/data-source';
import {
  databaseUrl,
  newRunId,
  TEST_PERSONAL_DATA_MASTER_KEY,
  templateDatabase,
  withServerClient,
} from './test-environment';

/** One migrated template database per run; every test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  process.env.NRM_TEST_RUN_ID = newRunId();
  // Inherited by every test worker and by the processes tests spawn (workers, the CLI).
  process.env.PERSONAL_DATA_MASTER_KEY = TEST_PERSONAL_DATA_MASTER_KEY;
  await withServerClient((client) => client.query(`CREATE DATABASE ${templateDatabase()}`));
  await runMigrations(databaseUrl(templateDatabase()));
}
