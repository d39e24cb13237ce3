import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

/** Settings for a connection of its own (LISTEN, advisory locks) to the DataSource's database. */
export function clientConfigOf(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string;
    database?: string;
  };
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
  };
}
