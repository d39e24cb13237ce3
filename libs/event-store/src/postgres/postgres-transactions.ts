import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { UnitOfWorkConflictError } from '../event-store.port';
import type { UnitOfWork } from '../unit-of-work';

/** As many fresh starts as handleCommand's re-decisions allow in the worst race (ShelterCommands). */
const MAX_CONFLICT_RETRIES = 60;

/**
 * The PostgreSQL unit of work: `run` takes one pooled connection, BEGINs, and keeps the connection
 * in the async context (AsyncLocalStorage) while `work` runs; every `query` made through this
 * object inside it — the event store's append and stream reads, the personal-data keys, the
 * Idempotency-Key record — goes to that connection, so they commit together (COMMIT) or not at
 * all (ROLLBACK on any error, or the server's own rollback when the process or connection dies).
 * Outside `run`, `query` uses the pool (autocommit). The async context is used so that the
 * application layer passes no connection around and imports nothing of pg.
 */
export class PostgresTransactions implements UnitOfWork {
  readonly atomic = true;
  private readonly current = new AsyncLocalStorage<PoolClient>();

  constructor(readonly pool: Pool) {}

  query<Row extends QueryResultRow = QueryResultRow>(
    statement: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<Row>> {
    const client = this.current.getStore();
    return client ? client.query<Row>(statement, values) : this.pool.query<Row>(statement, values);
  }

  /** True inside `run`. */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.runOnce(work);
      } catch (error) {
        if (!(error instanceof UnitOfWorkConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  private async runOnce<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection lost mid-transaction is reported here (and by the pending query), not as an
    // unhandled 'error' event that would end the process; the client is then discarded.
    const onConnectionError = (error: Error) => (broken = error);
    client.on('error', onConnectionError);
    try {
      await client.query('BEGIN');
      const result = await this.current.run(client, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection is gone: the server rolls back by itself.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }
}
