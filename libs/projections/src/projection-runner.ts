import { type EventCodec, type EventStore, type GlobalPosition, sleep } from '@nrm/event-store';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { batchesOf } from './batches';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** How often a worker that does not hold a projection's lock asks for it again. */
  lockRetryMs?: number;
  log: { info(message: string, context?: object): void; error(message: string, context?: object): void };
}

/** Another worker moved the checkpoint: this one no longer owns the projection. */
class CheckpointMovedError extends Error {}

/**
 * Runs each projection in exactly one worker at a time: the owner holds a PostgreSQL advisory lock
 * (released by the server when the owner dies, so another worker takes over), and every batch moves
 * the checkpoint by compare-and-set in the same transaction as the read-model change.
 */
export class ProjectionRunner {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly batchSize: number;
  private readonly lockRetryMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.lockRetryMs = options.lockRetryMs ?? 2_000;
  }

  start(): void {
    for (const projection of this.projections) this.loops.push(this.run(projection));
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  /** Empties every read model and its checkpoint; a running worker (or `catchUp`) then replays all. */
  async resetAll(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const projection of this.projections) {
        for (const table of projection.tables) await manager.query(`TRUNCATE ${table}`);
        await manager.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [projection.name]);
      }
    });
  }

  /** Projects everything up to the store's current end, under each projection's lock, then returns. */
  async catchUp(): Promise<void> {
    for (const projection of this.projections) {
      const lock = await this.lockOwner(projection, true);
      try {
        let checkpoint = await this.checkpointOf(projection);
        for (;;) {
          const events = await this.store.readAll({ after: checkpoint, maxCount: this.batchSize });
          if (events.length === 0) break;
          checkpoint = await this.applyBatch(projection, checkpoint, events);
        }
      } finally {
        await this.release(projection, lock);
      }
    }
  }

  private async run(projection: Projection): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      let lock: QueryRunner | null = null;
      try {
        lock = await this.lockOwner(projection, false);
        if (!lock) {
          await sleep(this.lockRetryMs, signal);
          continue;
        }
        this.options.log.info('projection started', { projection: projection.name });
        let checkpoint = await this.checkpointOf(projection);
        for await (const batch of batchesOf(this.store.subscribeToAll({ after: checkpoint, signal }), this.batchSize)) {
          checkpoint = await this.applyBatch(projection, checkpoint, batch);
        }
      } catch (error) {
        this.options.log.error('projection stopped on an error; it will resume from its checkpoint', {
          projection: projection.name,
          error: error instanceof Error ? error.message : String(error),
        });
        await sleep(this.lockRetryMs, signal);
      } finally {
        if (lock) await this.release(projection, lock);
      }
    }
  }

  private async applyBatch(
    projection: Projection,
    checkpoint: GlobalPosition | null,
    events: Awaited<ReturnType<EventStore['readAll']>>,
  ): Promise<GlobalPosition> {
    const last = events[events.length - 1].globalPosition;
    const handled = events.filter((recorded) => projection.handles(recorded.type));
    const decoded = await this.codec.decodeAll(handled);
    await this.dataSource.transaction(async (manager: EntityManager) => {
      if (decoded.length > 0) await projection.apply(decoded, manager);
      const moved: [unknown[], number] = await manager.query(
        `UPDATE projection_checkpoints SET position = $2, updated_at = now()
         WHERE projection = $1 AND position IS NOT DISTINCT FROM $3`,
        [projection.name, last.toString(), checkpoint?.toString() ?? null],
      );
      if (moved[1] !== 1) throw new CheckpointMovedError(`checkpoint of ${projection.name} moved elsewhere`);
    });
    if (decoded.length > 0) await projection.afterCommit?.(decoded);
    return last;
  }

  private async checkpointOf(projection: Projection): Promise<GlobalPosition | null> {
    await this.dataSource.query(
      `INSERT INTO projection_checkpoints (projection, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING`,
      [projection.name],
    );
    const rows: { position: string | null }[] = await this.dataSource.query(
      `SELECT position FROM projection_checkpoints WHERE projection = $1`,
      [projection.name],
    );
    return rows[0].position === null ? null : BigInt(rows[0].position);
  }

  /** A connection holding the projection's advisory lock, or null when another worker holds it. */
  private async lockOwner(projection: Projection, wait: true): Promise<QueryRunner>;
  private async lockOwner(projection: Projection, wait: false): Promise<QueryRunner | null>;
  private async lockOwner(projection: Projection, wait: boolean): Promise<QueryRunner | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (wait) {
        await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockName(projection)]);
        return runner;
      }
      const rows: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        lockName(projection),
      ]);
      if (rows[0].locked) return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
    await runner.release();
    return null;
  }

  private async release(projection: Projection, lock: QueryRunner): Promise<void> {
    try {
      await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockName(projection)]);
    } catch {
      // The connection is gone, and with it the lock.
    } finally {
      await lock.release();
    }
  }
}

function lockName(projection: Projection): string {
  return `projection:${projection.name}`;
}
