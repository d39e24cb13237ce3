import { Pool, type PoolConfig } from 'pg';

/**
 * The database did not take the statement because it cannot be reached: the connection was lost
 * or refused, the server is shutting down or terminated the session, or it has no connection
 * slot left. Nothing of a statement failing so was kept unless its COMMIT was on its way.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, driverError, message } = (error ?? {}) as {
    code?: unknown;
    driverError?: { code?: unknown };
    message?: unknown;
  };
  const sqlState = typeof code === 'string' ? code : typeof driverError?.code === 'string' ? driverError.code : '';
  if (/^(08|53|57P)/.test(sqlState)) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|not queryable|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect/i.test(message)
  );
}

/**
 * A pg Pool whose clients keep an 'error' listener for their whole life. pg-pool takes its own
 * listener off a client when it lends it, and the borrower can add one only once its `await`
 * resumes; an error read in the same chunk as the new connection's ready message (a server
 * terminating fresh sessions) fell between the two, and an 'error' event nobody listens to ends
 * the process (the crash harness: pg_terminate_backend every 350 ms ended the API 40 times in 800
 * commands). The error still reaches the borrower: the client refuses every later query, and the
 * pool drops it when it comes back.
 */
export class GuardedPool extends Pool {
  constructor(config?: PoolConfig) {
    super(config);
    this.on('connect', (client) => client.on('error', () => undefined));
  }
}
