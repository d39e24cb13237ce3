import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

export function dataSourceOptions(
  databaseUrl: string,
  entities: DataSourceOptions['entities'] = [],
  poolSize?: number,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    poolSize,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
  };
}

/** Applies every pending migration; safe to run again and from several processes at once. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  // Several processes may start at once (rolling deploy): one migrates, the others wait for it.
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('nrm:migrations'))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
