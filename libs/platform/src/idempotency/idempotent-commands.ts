import { createHash } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { sleep } from '@nrm/event-store';
import { DataSource } from 'typeorm';

export interface IdempotentRequest {
  /** Whose key it is: keys of different callers never collide. */
  scope: string;
  /** The Idempotency-Key header, or undefined to run without one. */
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

const IN_PROGRESS_WAIT_MS = 10_000;

/**
 * Idempotency-Key: the first request with a key runs and its successful result is kept; a repeat
 * with the same body gets that result and appends nothing, also when it arrives while the first is
 * still running (it waits). The same key with another body is refused with 422.
 */
@Injectable()
export class IdempotentCommands {
  constructor(private readonly dataSource: DataSource) {}

  async run<Result extends object>(request: IdempotentRequest, execute: () => Promise<Result>): Promise<Result> {
    if (request.key === undefined) return execute();
    const hash = requestHash(request);
    const deadline = Date.now() + IN_PROGRESS_WAIT_MS;
    for (;;) {
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING key`,
        [request.scope, request.key, hash],
      );
      if (claimed.length === 1) return this.executeClaimed(request, execute);

      const rows: { request_hash: string; response_body: Result | null }[] = await this.dataSource.query(
        `SELECT request_hash, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [request.scope, request.key],
      );
      if (rows.length === 0) continue; // the first attempt failed and let the key go: try ours
      if (rows[0].request_hash !== hash) {
        throw new UnprocessableEntityException(
          'Idempotency-Key was already used with a different request; use a new key for a new request',
        );
      }
      if (rows[0].response_body !== null) return rows[0].response_body;
      if (Date.now() > deadline) {
        throw new UnprocessableEntityException('A request with this Idempotency-Key is still being processed');
      }
      await sleep(25);
    }
  }

  private async executeClaimed<Result extends object>(request: IdempotentRequest, execute: () => Promise<Result>) {
    let result: Result;
    try {
      result = await execute();
    } catch (error) {
      // Nothing was done: free the key so the client can retry with it.
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2`, [
        request.scope,
        request.key,
      ]);
      throw error;
    }
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_body = $3, completed_at = now() WHERE scope = $1 AND key = $2`,
      [request.scope, request.key, JSON.stringify(result)],
    );
    return result;
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
