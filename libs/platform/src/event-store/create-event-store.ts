import {
  EsdbEventStore,
  type EventStore,
  GuardedPool,
  PostgresEventStore,
  separateCommits,
  type UnitOfWork,
} from '@nrm/event-store';
import type { Environment } from '../config/environment';
import type { SqlQuery, SqlWithoutResult } from '../personal-data/encrypted-personal-data-protector';

/** The adapter EVENT_STORE names, the unit of work its commands run in, and what must be closed after it. */
export interface EventStoreHandle {
  store: EventStore;
  unitOfWork: UnitOfWork;
  /**
   * SQL of the write side beside the store (personal-data keys, Idempotency-Key records): with the
   * PostgreSQL store it joins the unit of work's transaction; with EventStoreDB, `fallbackSql`.
   */
  writeSql: SqlQuery;
  /** A write of the write side whose result nobody waits for: see `SqlWithoutResult`. */
  sendWithNext: SqlWithoutResult;
  close: () => Promise<void>;
}

export function createEventStore(
  env: Environment,
  onError: (error: unknown) => void,
  fallbackSql: SqlQuery,
): EventStoreHandle {
  if (env.EVENT_STORE === 'esdb') {
    const store = new EsdbEventStore(env.EVENTSTORE_CONNECTION_STRING as string, { onError });
    return {
      store,
      unitOfWork: separateCommits,
      writeSql: fallbackSql,
      sendWithNext: async (sql, parameters) => void (await fallbackSql(sql, parameters)),
      close: () => store.close(),
    };
  }
  const pool = new GuardedPool({ connectionString: env.DATABASE_URL, max: env.EVENT_STORE_POOL_SIZE });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', onError);
  let ended: Promise<void> | undefined;
  const store = new PostgresEventStore(pool, { onError });
  const transactions = store.transactions;
  return {
    store,
    unitOfWork: transactions,
    writeSql: (sql, parameters) => transactions.query(sql, parameters).then((result) => result.rows),
    sendWithNext: (sql, parameters) => transactions.sendWithNext(sql, parameters),
    close: () => (ended ??= store.close().then(() => pool.end())),
  };
}
