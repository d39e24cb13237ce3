import { EsdbEventStore, type EventStore, PostgresEventStore } from '@nrm/event-store';
import { Pool } from 'pg';
import type { Environment } from '../config/environment';

/** The adapter EVENT_STORE names, with what must be closed after it. */
export function createEventStore(
  env: Environment,
  onError: (error: unknown) => void,
): { store: EventStore; close: () => Promise<void> } {
  if (env.EVENT_STORE === 'esdb') {
    const store = new EsdbEventStore(env.EVENTSTORE_CONNECTION_STRING as string, { onError });
    return { store, close: () => store.close() };
  }
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: env.EVENT_STORE_POOL_SIZE });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', onError);
  let ended: Promise<void> | undefined;
  return { store: new PostgresEventStore(pool, { onError }), close: () => (ended ??= pool.end()) };
}
