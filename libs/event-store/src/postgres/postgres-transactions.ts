import { AsyncLocalStorage } from 'node:async_hooks';
import { escapeLiteral, type Pool, type PoolClient, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import { UnitOfWorkConflictError } from '../event-store.port';
import type { UnitOfWork } from '../unit-of-work';

// How node-postgres itself renders a parameter (Date in its time zone form, arrays as array
// literals, objects as JSON), so that a statement sent with its values inline means the same.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => string | Buffer | null };

/** The write side has a handful of statements; beyond this many texts, the rest run unnamed. */
const MAX_NAMED_STATEMENTS = 100;

/** As many fresh starts as handleCommand's re-decisions allow in the worst race (ShelterCommands). */
const MAX_CONFLICT_RETRIES = 60;

interface Statement {
  text: string;
  values: unknown[];
}

/** The unit of work open in an async context. */
interface OpenTransaction {
  client: PoolClient;
  /** BEGIN was sent (with the first statement, or alone). */
  begun: boolean;
  /** Written ahead of the next statement, in its round trip (or the COMMIT's). */
  pending: string[];
  /** Run once the COMMIT succeeded. */
  afterCommit: (() => void)[];
}

/**
 * The PostgreSQL unit of work: `run` takes one pooled connection and keeps it in the async context
 * (AsyncLocalStorage) while `work` runs; every `query` made through this object inside it — the
 * event store's append and stream reads, the personal-data keys, the Idempotency-Key record — goes
 * to that connection, inside one transaction, so they commit together (COMMIT) or not at all
 * (ROLLBACK on any error, or the server's own rollback when the process or connection dies).
 * Outside `run`, `query` uses the pool (autocommit). The async context is used so that the
 * application layer passes no connection around and imports nothing of pg.
 *
 * Round trips are the write path's main cost (the profile: a command's time went mostly to socket
 * writes and PostgreSQL's per-statement work), so a unit of work spends none of its own and lets
 * writes whose result nobody waits for ride along: BEGIN and the statements sent with `sendWithNext`
 * (a lock, a new key, a command's stored answer) travel with the next statement or the COMMIT, all
 * sent as one simple-protocol query with the values written inline as literals. A unit of work
 * that wrote nothing sends nothing.
 */
export class PostgresTransactions implements UnitOfWork {
  readonly atomic = true;
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  private readonly statementNames = new Map<string, string>();

  constructor(readonly pool: Pool) {}

  /**
   * Runs a statement in the current transaction, or alone. A statement given as text with
   * parameters is prepared once per connection under a name (the profile showed each one parsed,
   * planned and sent in full per command otherwise).
   */
  async query<Row extends QueryResultRow = QueryResultRow>(
    statement: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<Row>> {
    const config: QueryConfig =
      typeof statement === 'string'
        ? { text: statement, values, name: this.statementName(statement, values) }
        : statement;
    const transaction = this.current.getStore();
    if (!transaction) return this.pool.query<Row>(config);
    const ahead = takeAhead(transaction);
    if (ahead.length === 0) return transaction.client.query<Row>(config);
    const inline = inlined({ text: config.text, values: config.values ?? [] });
    if (inline === null) {
      await transaction.client.query(ahead.join(';\n'));
      return transaction.client.query<Row>(config);
    }
    const results = (await transaction.client.query([...ahead, inline].join(';\n'))) as unknown as QueryResult<Row>[];
    return results[results.length - 1];
  }

  /**
   * Inside a unit of work: sends a write whose result nobody waits for in the unit's next round
   * trip, ahead of the next statement (or the COMMIT), and fails the unit when it fails. Outside
   * one, or when its values cannot be written inline: now.
   */
  async sendWithNext(text: string, values: unknown[]): Promise<void> {
    const transaction = this.current.getStore();
    const inline = transaction ? inlined({ text, values }) : null;
    if (transaction && inline !== null) transaction.pending.push(inline);
    else await this.query(text, values);
  }

  /** Inside a unit of work: calls `callback` once it committed (never if it rolls back). Outside: now. */
  afterCommit(callback: () => void): void {
    const transaction = this.current.getStore();
    if (transaction) transaction.afterCommit.push(callback);
    else callback();
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
    const transaction: OpenTransaction = { client, begun: false, pending: [], afterCommit: [] };
    let broken: Error | undefined;
    // A connection lost mid-transaction is reported here (and by the pending query), not as an
    // unhandled 'error' event that would end the process; the client is then discarded.
    const onConnectionError = (error: Error) => (broken = error);
    client.on('error', onConnectionError);
    try {
      const result = await this.current.run(transaction, work);
      await commit(transaction);
      for (const callback of transaction.afterCommit) callback();
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection is gone: the server rolls back by itself.
      if (transaction.begun) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }
}

/** The statements due ahead of the unit's next one: BEGIN when not sent yet, and those sent with next. */
function takeAhead(transaction: OpenTransaction): string[] {
  const ahead = transaction.begun ? transaction.pending : ['BEGIN', ...transaction.pending];
  transaction.begun = true;
  transaction.pending = [];
  return ahead;
}

/** COMMIT, with what is still due ahead of it, in one round trip; nothing when nothing was written. */
async function commit(transaction: OpenTransaction): Promise<void> {
  if (!transaction.begun && transaction.pending.length === 0) return;
  await transaction.client.query([...takeAhead(transaction), 'COMMIT'].join(';\n'));
}

/**
 * The statement with its $n parameters replaced by literals, or null when that is not safe: only
 * texts whose quoted literals hold no `$` or backslash and that have no comments, dollar quoting or
 * second statement (where a `$n` could mean something else), and values that are text for
 * node-postgres (bytea as hex). An inline literal is of unknown type, as a parameter is, so
 * PostgreSQL infers the same types.
 */
function inlined({ text, values }: Statement): string | null {
  // Between quotes (odd parts): literals, standard-conforming; outside (even parts): SQL.
  const parts = text.split("'");
  const unsafe = parts.some((part, index) => (index % 2 === 1 ? /[$\\]/.test(part) : /--|\/\*|\$\$|;/.test(part)));
  if (unsafe || parts.length % 2 === 0) return null;
  const literals = values.map((value) => {
    const prepared = prepareValue(value);
    if (prepared === null) return 'NULL';
    return escapeLiteral(typeof prepared === 'string' ? prepared : `\\x${prepared.toString('hex')}`);
  });
  let complete = true;
  const result = text.replace(/\$(\d+)/g, (_, index: string) => {
    const literal = literals[Number(index) - 1];
    if (literal === undefined) complete = false;
    return literal ?? '';
  });
  return complete ? result : null;
}
