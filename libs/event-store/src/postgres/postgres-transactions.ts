import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { UnitOfWorkConflictError } from '../event-store.port';
import type { UnitOfWork } from '../unit-of-work';

/** The write side has a handful of statements; beyond this many texts, the rest run unnamed. */
const MAX_NAMED_STATEMENTS = 100;

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
  private readonly statementNames = new Map<string, string>();

  constructor(readonly pool: Pool) {}

  /**
   * Runs a statement in the current transaction, or alone. A statement given as text with
   * parameters is prepared once per connection under a name (the profile showed each one parsed,
   * planned and sent in full per command otherwise).
   */
  query<Row extends QueryResultRow = QueryResultRow>(
    statement: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<Row>> {
    const config: QueryConfig =
      typeof statement === 'string'
        ? { text: statement, values, name: this.statementName(statement, values) }
        : statement;
    const client = this.current.getStore();
    return client ? client.query<Row>(config) : this.pool.query<Row>(config);
  }

  private statementName(text: string, values: unknown[] | undefined): string | undefined {
    if (!values?.length) return undefined;
    let name = this.statementNames.get(text);
    if (name === undefined && this.statementNames.size < MAX_NAMED_STATEMENTS) {
      name = `nrm_tx_${this.statementNames.size}`;
      this.statementNames.set(text, name);
    }
    return name;
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
