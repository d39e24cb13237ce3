import type { Projection } from '@nrm/projections';
import { NotificationEntity, NotificationReadEntity } from '../notifications/notification.entity';
import { DeadlineEntity } from './deadline.entity';
import { type DeadlineVariables, deadlineSettingsOf } from './deadline-settings';
import { type DeadlineProjectionHooks, DeadlinesProjection } from './deadlines.projection';

export type { DeadlineProjectionHooks } from './deadlines.projection';
export type { DeadlineVariables } from './deadline-settings';
export { DeadlineEntity } from './deadline.entity';
export { DEADLINES_PROJECTION, DeadlinesProjection } from './deadlines.projection';

/** The deadlines context's read-model entities (deadlines, notifications and who read them). */
export const DEADLINE_ENTITIES: (new () => object)[] = [
  DeadlineEntity, // the deadline board (table deadlines)
  NotificationEntity,
  NotificationReadEntity,
];

/** The deadlines context's projections (the deadline board, fed by every context's events). */
export function deadlineProjections(env: DeadlineVariables, hooks: DeadlineProjectionHooks = {}): Projection[] {
  return [new DeadlinesProjection(deadlineSettingsOf(env), hooks)];
}
