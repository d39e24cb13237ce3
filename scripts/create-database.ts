// Creates the database named in the URL when it does not exist yet (used by scripts/up.sh).
import { Client } from 'pg';

async function main() {
  const target = new URL(process.argv[2]);
  const name = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(target);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot create the database: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
