import type { DecodedEvent } from '@nrm/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model kept up to date from the event stream. `apply` gets the events of one batch that
 * the projection handles, in global order, inside the transaction that also moves its checkpoint,
 * so a change is applied exactly once; it must be idempotent by stream revision all the same
 * (a rebuild or a replayed batch must leave the same rows). Batches let it write many rows at once.
 */
export interface Projection {
  readonly name: string;
  /** Tables it owns; a rebuild empties them and replays every event. */
  readonly tables: readonly string[];
  handles(eventType: string): boolean;
  apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void>;
  /** Runs after the batch and its checkpoint are committed (e.g. to schedule jobs); must not throw. */
  afterCommit?(events: readonly DecodedEvent[]): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
