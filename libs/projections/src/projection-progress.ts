import { type EventStore, type GlobalPosition, sleep } from '@nrm/event-store';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { clientConfigOf } from './client-config';
import { CHECKPOINT_MOVED_CHANNEL } from './projection-admin';

/** A waiting read checks again at least this often, should a notification be missed. */
const RECHECK_MS = 250;

/**
 * Lets a reader wait until the projections it reads from have caught up with its own write.
 * Woken by the workers' notification at each committed batch (LISTEN on one connection of its
 * own per process) instead of asking every few milliseconds.
 */
export class ProjectionProgress {
  private readonly waiters = new Set<(projection: string) => void>();
  private listener: Promise<Client> | null = null;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  /** True once every named projection has handled the event at `position`; false after the timeout. */
  async waitFor(projections: readonly string[], position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    // A timeout is elapsed time, not the clock's: monotonic, and unmoved by a test clock.
    const deadline = performance.now() + timeoutMs;
    await this.listen();
    for (;;) {
      let wake!: () => void;
      const moved = new Promise<void>((resolve) => (wake = resolve));
      const waiter = (projection: string) => projections.includes(projection) && wake();
      this.waiters.add(waiter);
      try {
        if (await this.reached(projections, position)) return true;
        const left = deadline - performance.now();
        if (left <= 0) return false;
        const timer = new AbortController();
        await Promise.race([moved, sleep(Math.min(left, RECHECK_MS), timer.signal)]);
        timer.abort();
      } finally {
        this.waiters.delete(waiter);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = null;
    await listener?.then((client) => client.end()).catch(() => undefined);
  }

  /** Connects on first use; a lost connection is made again at the next wait (the recheck covers the gap). */
  private async listen(): Promise<void> {
    if (this.closed) return;
    this.listener ??= (async () => {
      const client = new Client({ ...clientConfigOf(this.dataSource), application_name: 'nrm-read-your-writes' });
      const forget = () => {
        if (this.listener === connecting) this.listener = null;
      };
      client.on('error', forget);
      client.on('end', forget);
      client.on('notification', ({ payload }) => {
        for (const waiter of this.waiters) waiter(payload ?? '');
      });
      await client.connect();
      await client.query(`LISTEN ${CHECKPOINT_MOVED_CHANNEL}`);
      return client;
    })();
    const connecting = this.listener;
    await connecting.catch(() => {
      if (this.listener === connecting) this.listener = null;
    });
  }

  private async reached(projections: readonly string[], position: GlobalPosition): Promise<boolean> {
    const rows: { projection: string; position: string | null }[] = await this.dataSource.query(
      `SELECT projection, position FROM projection_checkpoints WHERE projection = ANY($1)`,
      [projections],
    );
    if (rows.length < projections.length) return false;
    for (const row of rows) {
      const checkpoint = row.position === null ? null : BigInt(row.position);
      if (!(await this.store.hasReached(checkpoint, position))) return false;
    }
    return true;
  }
}
