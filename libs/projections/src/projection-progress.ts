import { type EventStore, type GlobalPosition, sleep } from '@nrm/event-store';
import type { DataSource } from 'typeorm';

/** Lets a reader wait until the projections it reads from have caught up with its own write. */
export class ProjectionProgress {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  /** True once every named projection has handled the event at `position`; false after the timeout. */
  async waitFor(projections: readonly string[], position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.reached(projections, position)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(10);
    }
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
