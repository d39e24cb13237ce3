import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  CommitOutcomeUnknownError,
  IdentifiedCommand,
  isDatabaseUnavailable,
  runAsIdentifiedCommand,
  sleep,
  UNIT_OF_WORK,
  type UnitOfWork,
} from '@nrm/event-store';
import { type Clock, UnprocessableRequestError } from '@nrm/shared-kernel';
import { CLOCK } from '../clock';
import { Environment } from '../config/environment';
import { SEND_WITH_NEXT, WRITE_SQL } from '../event-store/event-store.module';
import type { SqlQuery, SqlWithoutResult } from '../personal-data/encrypted-personal-data-protector';

export interface IdempotentRequest {
  /** Whose key it is: keys of different callers never collide. */
  scope: string;
  /** The Idempotency-Key header, or undefined to run without one. */
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

/** A request with an Idempotency-Key: the caller's scope, the key, and the hash of what was asked. */
interface KeyedRequest {
  scope: string;
  key: string;
  hash: string;
}

/** How long a request waits for another one holding its key (EventStoreDB only) before a 422. */
const IN_PROGRESS_WAIT_MS = 10_000;
const PURGE_INTERVAL_MS = 15 * 60_000;

/**
 * The key is ours when it is new, past its retention, or held by an attempt of the same request
 * whose lease lapsed (EventStoreDB: its process died). Another holder's key is left alone. With
 * PostgreSQL the statement runs in the command's transaction: a concurrent request with the same
 * key waits here on the primary key until the first one commits (it then finds its result) or
 * rolls back (it then claims the key itself); nothing is ever left half done. A key past its
 * retention starts anew; a lapsed lease keeps the first attempt's created_at (its event ids). No
 * comment inside the text: it is sent inline with the transaction's BEGIN (PostgresTransactions).
 */
const CLAIM_SQL = `
INSERT INTO idempotency_keys AS k (scope, key, request_hash, created_at, lease_until)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (scope, key) DO UPDATE
  SET request_hash = excluded.request_hash, lease_until = excluded.lease_until, response_body = NULL,
      completed_at = NULL,
      created_at = CASE WHEN k.created_at < $6 THEN excluded.created_at ELSE k.created_at END
  WHERE k.created_at < $6
     OR (k.response_body IS NULL AND k.request_hash = excluded.request_hash
         AND (k.lease_until IS NULL OR k.lease_until < $4))
RETURNING created_at`;

/**
 * A key used for the first time (PostgreSQL): sent with the command's first statement instead of
 * in a round trip of its own. When the key exists already it breaks the primary key, which fails
 * that round trip and so the whole unit before anything else of it runs.
 */
const CLAIM_NEW_SQL = `
INSERT INTO idempotency_keys (scope, key, request_hash, created_at, lease_until) VALUES ($1, $2, $3, $4, $5)`;

/**
 * Idempotency-Key: the first request with a key runs and its successful result is kept; a repeat
 * with the same body gets that result and appends nothing, also when it arrives while the first is
 * still running (it waits). The same key with another body is refused with 422. Keys are forgotten
 * IDEMPOTENCY_KEY_RETENTION_HOURS after their first use.
 *
 * With the PostgreSQL store the key record, the command's events and any new personal-data key
 * commit in one transaction (UnitOfWork): a request that fails, or whose process or connection
 * dies, leaves no key and no events behind, and one that commits leaves both. Every command runs in
 * a unit of work, with a key or without.
 *
 * With EventStoreDB no transaction spans both stores: the claim commits first with a lease of
 * IDEMPOTENCY_KEY_LEASE_SECONDS; the command's event ids derive from the key (command-identity.ts),
 * so a retry that takes over a lapsed lease finds the events already appended and answers with
 * them, and the store itself drops a repeated append. A command refused before it appended frees
 * its key; one that failed during or after its append releases the lease for the retry.
 */
@Injectable()
export class IdempotentCommands implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotentCommands.name);
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(WRITE_SQL) private readonly sql: SqlQuery,
    @Inject(SEND_WITH_NEXT) private readonly sendWithNext: SqlWithoutResult,
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  run<Result extends object>(request: IdempotentRequest, execute: () => Promise<Result>): Promise<Result> {
    const { scope, key } = request;
    if (key === undefined) return this.unitOfWork.run(execute);
    const keyed = { scope, key, hash: requestHash(request) };
    if (!this.unitOfWork.atomic) return this.runOnce(keyed, execute);
    // Most keys are new: claimed on the way. Whatever else happens takes the full way, which reads
    // the key first: a key in use (a retry, a key past its retention), a refusal (perhaps decided
    // before the claim was even sent, so the key may hold a finished request's answer), a COMMIT
    // lost on its way (the key holds the answer if it committed, nothing if not). Only a database
    // that cannot be reached is answered as it is: the unit of work has already tried it again.
    return this.unitOfWork
      .run(() => this.runNewKey(keyed, execute))
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error) && !(error instanceof CommitOutcomeUnknownError)) throw error;
        return this.unitOfWork.run(() => this.runOnce(keyed, execute));
      });
  }

  /** Forgets every key past its retention; returns how many. */
  async purgeExpired(): Promise<number> {
    const rows = await this.sql(
      `WITH purged AS (DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM purged`,
      [this.retentionStart(this.clock.now())],
    );
    return (rows[0] as { n: number }).n;
  }

  onApplicationBootstrap(): void {
    this.purgeTimer = setInterval(() => {
      this.purgeExpired().catch((error: unknown) =>
        this.logger.warn(`purging expired Idempotency-Keys failed: ${error instanceof Error ? error.message : error}`),
      );
    }, PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  private async runNewKey<Result extends object>(keyed: KeyedRequest, execute: () => Promise<Result>): Promise<Result> {
    const { scope, key, hash } = keyed;
    const now = this.clock.now();
    await this.sendWithNext(CLAIM_NEW_SQL, [scope, key, hash, now, this.leaseUntil(now)]);
    return this.executeClaimed(keyed, new IdentifiedCommand(scope, `${key}\n${now.toISOString()}`), execute);
  }

  private async runOnce<Result extends object>(keyed: KeyedRequest, execute: () => Promise<Result>): Promise<Result> {
    const { scope, key, hash } = keyed;
    // How long this request has waited is elapsed time, not the clock's (a test clock may stand still).
    const deadline = performance.now() + IN_PROGRESS_WAIT_MS;
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.sql(CLAIM_SQL, [
        scope,
        key,
        hash,
        now,
        this.leaseUntil(now),
        this.retentionStart(now),
      ]);
      if (claimed.length === 1) {
        // The key's first use is part of the identity: a key used anew after its retention makes new ids.
        const firstUse = (claimed[0] as { created_at: Date }).created_at.toISOString();
        return this.executeClaimed(keyed, new IdentifiedCommand(scope, `${key}\n${firstUse}`), execute);
      }

      const rows = (await this.sql(
        `SELECT request_hash, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      )) as { request_hash: string; response_body: Result | null }[];
      if (rows.length === 0) continue; // freed meanwhile: claim it
      if (rows[0].request_hash !== hash) {
        throw new UnprocessableRequestError(
          'Idempotency-Key was already used with a different request; use a new key for a new request',
        );
      }
      if (rows[0].response_body !== null) return rows[0].response_body;
      // Only without a transaction (EventStoreDB): another attempt holds the key under its lease.
      if (performance.now() > deadline) {
        throw new UnprocessableRequestError(
          'A request with this Idempotency-Key is still being processed; retry it later with the same key',
        );
      }
      await sleep(25);
    }
  }

  private async executeClaimed<Result extends object>(
    { scope, key }: KeyedRequest,
    command: IdentifiedCommand,
    execute: () => Promise<Result>,
  ): Promise<Result> {
    let result: Result;
    try {
      result = await runAsIdentifiedCommand(command, execute);
    } catch (error) {
      // In a transaction the rollback frees the key. Otherwise: refused before any append, free
      // it; after an append started (it may have been written), end the lease so that a retry
      // takes over at once and finds those events by their ids.
      if (!this.unitOfWork.atomic) await this.giveUp(scope, key, command.appendStarted);
      throw error;
    }
    const answer: [string, unknown[]] = [
      `UPDATE idempotency_keys SET response_body = $3, completed_at = $4, lease_until = NULL WHERE scope = $1 AND key = $2`,
      [scope, key, JSON.stringify(result), this.clock.now()],
    ];
    // In a transaction the answer travels with its COMMIT (one round trip less per command).
    await this.sendWithNext(...answer);
    return result;
  }

  private async giveUp(scope: string, key: string, appendStarted: boolean): Promise<void> {
    await (appendStarted
      ? this.sql(`UPDATE idempotency_keys SET lease_until = NULL WHERE scope = $1 AND key = $2`, [scope, key])
      : this.sql(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]));
  }

  private leaseUntil(now: Date): Date {
    return new Date(now.getTime() + this.env.IDEMPOTENCY_KEY_LEASE_SECONDS * 1000);
  }

  private retentionStart(now: Date): Date {
    return new Date(now.getTime() - this.env.IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000);
  }
}

function requestHash({ method, path, body }: IdempotentRequest): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** JSON with sorted keys, so the same body in another key order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
