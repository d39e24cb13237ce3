import { sleep } from './sleep';

/** How long a store waits before trying again after a failure (a dropped connection, a failover). */
export interface RetryOptions {
  /** The first wait, and the wait again once an attempt has worked (default 100 ms). */
  retryMinMs?: number;
  /** The longest wait: each failure in a row doubles the wait up to it (default 5 s). */
  retryMaxMs?: number;
}

/** Exponential backoff between the attempts of one loop (a subscription, a listener). */
export class Backoff {
  private readonly minMs: number;
  private readonly maxMs: number;
  private delayMs: number;

  constructor({ retryMinMs = 100, retryMaxMs = 5_000 }: RetryOptions) {
    this.minMs = retryMinMs;
    this.maxMs = retryMaxMs;
    this.delayMs = retryMinMs;
  }

  /** An attempt worked: the next failure waits the shortest time again. */
  reset(): void {
    this.delayMs = this.minMs;
  }

  /** Waits before the next attempt (less when `signal` aborts); the one after a further failure waits twice as long. */
  async wait(signal: AbortSignal): Promise<void> {
    await sleep(this.delayMs, signal);
    this.delayMs = Math.min(this.delayMs * 2, this.maxMs);
  }
}
