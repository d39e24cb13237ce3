import type { DecodedEvent } from '@nrm/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model kept up to date from the event stream. `apply` runs inside the transaction that also
 * moves the projection's checkpoint, so a change is applied exactly once, and it must be idempotent
 * by stream revision all the same (a rebuild or a replayed batch must leave the same rows).
 */
export interface Projection {
  readonly name: string;
  /** Tables it owns; a rebuild empties them and replays every event. */
  readonly tables: readonly string[];
  handles(eventType: string): boolean;
  apply(event: DecodedEvent, manager: EntityManager): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
