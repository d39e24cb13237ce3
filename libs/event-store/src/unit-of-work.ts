/**
 * What makes a command's writes one unit. With the PostgreSQL store, `run` opens one transaction
 * that the event store's append, the personal-data keys and the Idempotency-Key record all join
 * (they find it through the async context, see PostgresTransactions), so a command commits once or
 * not at all. With EventStoreDB there is no transaction spanning the store and PostgreSQL: each
 * write commits on its own, and callers order them so that a retry is safe (deterministic event
 * ids, see command-identity.ts).
 */
export interface UnitOfWork {
  /** True when everything written inside `run` commits or rolls back together. */
  readonly atomic: boolean;
  /** Runs `work` as one unit; inside a unit already open in this async context, joins it. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** No transaction: each write inside commits on its own (EventStoreDB). */
export const separateCommits: UnitOfWork = { atomic: false, run: (work) => work() };

/** Nest injection token for the configured UnitOfWork. */
export const UNIT_OF_WORK = Symbol('UNIT_OF_WORK');
