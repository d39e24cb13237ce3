import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { escapeLiteral, type Pool, type PoolClient, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import { CommitOutcomeUnknownError, UnitOfWorkConflictError } from '../event-store.port';
import { sleep } from '../sleep';
import type { UnitOfWork } from '../unit-of-work';
import { isDatabaseUnavailable } from './database-unavailable';

// How node-postgres itself renders a parameter (Date in its time zone form, arrays as array
// literals, objects as JSON), so that a statement sent with its values inline means the same.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => string | Buffer | null };

/** The write side has a handful of statements; beyond this many texts, the rest run unnamed. */
const MAX_NAMED_STATEMENTS = 100;

/** As many fresh starts as handleCommand's re-decisions allow in the worst race (ShelterCommands). */
const MAX_CONFLICT_RETRIES = 60;

/**
 * Fresh starts after the database was lost before the COMMIT was sent, the first after this many
 * milliseconds and each next one after twice as long: a connection lost with others (a restart,
 * a failover) leaves its pool's idle ones dead too, and a start at once would take one of them.
 */
const MAX_UNAVAILABLE_RETRIES = 3;
const FIRST_UNAVAILABLE_RETRY_MS = 20;

interface Statement {
  text: string;
  values: unknown[];
  /** Its prepared statement's name; none for a text without parameters or beyond the cap. */
  name?: string;
}

const BEGIN: Statement = { text: 'BEGIN', values: [] };
const COMMIT: Statement = { text: 'COMMIT', values: [] };

/** The unit of work open in an async context. */
interface OpenTransaction {
  client: PoolClient;
  /** BEGIN was sent (with the first statement, or alone). */
  begun: boolean;
  /** Written ahead of the next statement, in its round trip (or the COMMIT's). */
  pending: Statement[];
  /** Run once the COMMIT succeeded. */
  afterCommit: (() => void)[];
  /** Sent with their texts: to prepare on the connection once the unit is over. */
  unprepared: Statement[];
}

/**
 * The PostgreSQL unit of work: `run` takes one pooled connection and keeps it in the async context
 * (AsyncLocalStorage) while `work` runs; every `query` made through this object inside it — the
 * event store's append and stream reads, the personal-data keys, the Idempotency-Key record — goes
 * to that connection, inside one transaction, so they commit together (COMMIT) or not at all
 * (ROLLBACK on any error, or the server's own rollback when the process or connection dies).
 * Outside `run`, `query` takes a connection for that one statement (autocommit). The async context
 * is used so that the application layer passes no connection around and imports nothing of pg.
 *
 * Round trips are the write path's main cost (the profile: a command's time went mostly to socket
 * writes and PostgreSQL's per-statement work), so a unit of work spends none of its own and lets
 * writes whose result nobody waits for ride along: BEGIN and the statements sent with `sendWithNext`
 * (a lock, a new key, a command's stored answer) travel with the next statement or the COMMIT, all
 * sent as one simple-protocol query. A unit of work that wrote nothing sends nothing.
 *
 * In that query a statement the connection has prepared runs as `EXECUTE name(literals)`: the
 * server neither parses nor plans its text again (under load, parsing and planning the texts sent
 * inline were 40% of PostgreSQL's CPU, perf). A statement not prepared there yet is sent with its
 * values inline, and prepared (PREPARE) once the unit is over, before the connection goes back to
 * the pool: each connection prepares each statement once, and no command waits a round trip more.
 */
export class PostgresTransactions implements UnitOfWork {
  readonly atomic = true;
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  private readonly statementNames = new Map<string, string>();
  /** The statements each connection has prepared (PREPARE succeeded on it). */
  private readonly prepared = new WeakMap<PoolClient, Set<string>>();
  /** Statements PostgreSQL refused to prepare (their parameters' types cannot be inferred alone). */
  private readonly unpreparable = new Set<string>();

  constructor(readonly pool: Pool) {}

  /**
   * Runs a statement in the current transaction, or alone. A statement with parameters is
   * prepared on each connection under a name (given, or made from its text): the profile showed
   * each one parsed, planned and sent in full per command otherwise.
   */
  async query<Row extends QueryResultRow = QueryResultRow>(
    statement: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<Row>> {
    const last: Statement =
      typeof statement === 'string'
        ? { text: statement, values: values ?? [], name: this.statementName(statement, values) }
        : { text: statement.text, values: statement.values ?? [], name: statement.name };
    const transaction = this.current.getStore();
    if (transaction) {
      return (await this.send(
        transaction.client,
        [...takeAhead(transaction), last],
        transaction.unprepared,
      )) as QueryResult<Row>;
    }
    return this.withConnection(async (client, discard) => {
      const unprepared: Statement[] = [];
      // As pg's pool.query does: after any failure the connection is not trusted again.
      const result = await this.send(client, [last], unprepared).catch((error: Error) => {
        discard(error);
        throw error;
      });
      await this.prepare(client, unprepared).catch(discard);
      return result as QueryResult<Row>;
    });
  }

  /**
   * Inside a unit of work: sends a write whose result nobody waits for in the unit's next round
   * trip, ahead of the next statement (or the COMMIT), and fails the unit when it fails. Outside
   * one: now.
   */
  async sendWithNext(text: string, values: unknown[]): Promise<void> {
    const transaction = this.current.getStore();
    if (transaction) transaction.pending.push({ text, values, name: this.statementName(text, values) });
    else await this.query(text, values);
  }

  /** Inside a unit of work: calls `callback` once it committed (never if it rolls back). Outside: now. */
  afterCommit(callback: () => void): void {
    const transaction = this.current.getStore();
    if (transaction) transaction.afterCommit.push(callback);
    else callback();
  }

  /** True inside `run`. */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `work` in one transaction. It starts again from the beginning, on another connection,
   * when a concurrent append won its stream's revision, and when the database was lost before the
   * COMMIT was sent (the server rolled the transaction back: nothing of it was kept). Lost while
   * the COMMIT was on its way, it throws CommitOutcomeUnknownError: it may have committed.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    let conflicts = 0;
    let losses = 0;
    for (;;) {
      try {
        return await this.withConnection((client, discard) => this.runOnce(client, discard, work));
      } catch (error) {
        if (error instanceof UnitOfWorkConflictError && conflicts++ < MAX_CONFLICT_RETRIES) continue;
        if (error instanceof CommitOutcomeUnknownError || !isDatabaseUnavailable(error)) throw error;
        if (losses >= MAX_UNAVAILABLE_RETRIES) throw error;
        await sleep(FIRST_UNAVAILABLE_RETRY_MS * 2 ** losses++);
      }
    }
  }

  private async runOnce<T>(client: PoolClient, discard: (error: Error) => void, work: () => Promise<T>): Promise<T> {
    const transaction: OpenTransaction = { client, begun: false, pending: [], afterCommit: [], unprepared: [] };
    let result: T;
    let committing = false;
    try {
      result = await this.current.run(transaction, work);
      if (transaction.begun || transaction.pending.length > 0) {
        committing = true;
        await this.send(client, [...takeAhead(transaction), COMMIT], transaction.unprepared);
      }
    } catch (error) {
      // A failed ROLLBACK means the connection is gone: the server rolls back by itself.
      if (transaction.begun) await client.query('ROLLBACK').catch(discard);
      if (committing && isDatabaseUnavailable(error) && !neverSent(error)) throw new CommitOutcomeUnknownError(error);
      throw error;
    }
    for (const callback of transaction.afterCommit) callback();
    // Committed: a connection lost now fails no command.
    await this.prepare(client, transaction.unprepared).catch(discard);
    return result;
  }

  /**
   * Lends `use` a pooled connection, and takes it back, discarded when `use` said it is broken or it
   * was lost meanwhile (reported here, and by the pending query, not as an unhandled 'error' event
   * that would end the process).
   */
  private async withConnection<T>(
    use: (client: PoolClient, discard: (error: Error) => void) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const discard = (error: Error) => (broken ??= error);
    client.on('error', discard);
    try {
      return await use(client, discard);
    } finally {
      client.off('error', discard);
      client.release(broken);
    }
  }

  /**
   * Runs the statements in order on the connection in one round trip (a statement whose values
   * cannot be written inline takes one of its own). Answers the last one's result; collects in
   * `unprepared` the named statements sent with their texts.
   */
  private async send(client: PoolClient, statements: Statement[], unprepared: Statement[]): Promise<QueryResult> {
    const prepared = this.preparedOn(client);
    let batch: string[] = [];
    let result: QueryResult | undefined;
    const flush = async () => {
      if (batch.length === 0) return;
      const results = (await client.query(batch.join(';\n'))) as unknown as QueryResult | QueryResult[];
      result = Array.isArray(results) ? results[results.length - 1] : results;
      batch = [];
    };
    for (const statement of statements) {
      const { name } = statement;
      if (name !== undefined && prepared.has(name)) {
        batch.push(executed(statement));
        continue;
      }
      if (name !== undefined && !this.unpreparable.has(name)) unprepared.push(statement);
      const inline = statement.values.length === 0 ? statement.text : inlined(statement);
      if (inline !== null) {
        batch.push(inline);
        continue;
      }
      await flush();
      result = await client.query({ text: statement.text, values: statement.values });
    }
    await flush();
    return result!;
  }

  /** Prepares the statements on the connection, so that their next runs there are EXECUTEs. */
  private async prepare(client: PoolClient, statements: Statement[]): Promise<void> {
    const prepared = this.preparedOn(client);
    for (const { name, text } of statements) {
      if (name === undefined || prepared.has(name)) continue;
      try {
        await client.query(`PREPARE ${name} AS ${text}`);
        prepared.add(name);
      } catch (error) {
        // Refused by PostgreSQL (a parameter whose type only its values tell): sent inline from now
        // on. Otherwise the connection is gone, which the caller learns.
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || code.startsWith('08') || code.startsWith('57')) throw error;
        if (code === DUPLICATE_PREPARED_STATEMENT) prepared.add(name);
        else this.unpreparable.add(name);
      }
    }
  }

  private preparedOn(client: PoolClient): Set<string> {
    let names = this.prepared.get(client);
    if (!names) this.prepared.set(client, (names = new Set()));
    return names;
  }

  private statementName(text: string, values: unknown[] | undefined): string | undefined {
    if (!values?.length) return undefined;
    let name = this.statementNames.get(text);
    if (name === undefined && this.statementNames.size < MAX_NAMED_STATEMENTS) {
      // From the text: stores sharing a pool (and so its connections) name a text alike.
      name = `nrm_tx_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }
}

const DUPLICATE_PREPARED_STATEMENT = '42P05';

/** node-postgres refused to send it: the connection had been lost before (so nothing committed). */
function neverSent(error: unknown): boolean {
  return error instanceof Error && /not queryable/.test(error.message);
}

/** The statements due ahead of the unit's next one: BEGIN when not sent yet, and those sent with next. */
function takeAhead(transaction: OpenTransaction): Statement[] {
  const ahead = transaction.begun ? transaction.pending : [BEGIN, ...transaction.pending];
  transaction.begun = true;
  transaction.pending = [];
  return ahead;
}

/** A prepared statement's run, its values written as literals (see `literal`). */
function executed({ name, values }: Statement): string {
  return `EXECUTE ${name}(${values.map(literal).join(', ')})`;
}

/**
 * The statement with its $n parameters replaced by literals, or null when that is not safe: only
 * texts whose quoted literals hold no `$` or backslash and that have no comments, dollar quoting or
 * second statement (where a `$n` could mean something else).
 */
function inlined({ text, values }: Statement): string | null {
  // Between quotes (odd parts): literals, standard-conforming; outside (even parts): SQL.
  const parts = text.split("'");
  const unsafe = parts.some((part, index) => (index % 2 === 1 ? /[$\\]/.test(part) : /--|\/\*|\$\$|;/.test(part)));
  if (unsafe || parts.length % 2 === 0) return null;
  let complete = true;
  const result = text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = values[Number(index) - 1];
    if (Number(index) > values.length) complete = false;
    return complete ? literal(value) : '';
  });
  return complete ? result : null;
}

/**
 * A value as node-postgres renders a parameter (bytea as hex), quoted. A literal is of unknown
 * type, as a parameter is, so PostgreSQL infers the same types.
 */
function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  return escapeLiteral(typeof prepared === 'string' ? prepared : `\\x${prepared.toString('hex')}`);
}
