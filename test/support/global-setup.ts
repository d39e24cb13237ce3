import { runMigrations } from '../../libs/platform/src/database/data-source';
import { databaseUrl, newRunId, templateDatabase, withServerClient } from './test-environment';

/** One migrated template database per run; every test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  process.env.NRM_TEST_RUN_ID = newRunId();
  await withServerClient((client) => client.query(`CREATE DATABASE ${templateDatabase()}`));
  await runMigrations(databaseUrl(templateDatabase()));
}
