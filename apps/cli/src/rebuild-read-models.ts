import { ALL_ENTITIES, ALL_EVENT_TYPES, allProjections } from '@nrm/composition';
import { EventCodec } from '@nrm/event-store';
import { type Environment, dataSourceOptions, createEventStore, personalDataProtectorFor } from '@nrm/platform';
import { ProjectionRunner, type StoppedProjection } from '@nrm/projections';
import { DataSource } from 'typeorm';

export interface RebuildLog {
  info(message: string, context?: object): void;
  error(message: string, context?: object): void;
}

/**
 * Empties every read model and replays all events into it (`npm run rebuild-read-models`). Personal
 * data is revealed through the same per-person keys as in the API: an erased person's data stays
 * erased. Stop workers first, or it waits for them. A projection that cannot apply an event stops
 * there (recorded as for a worker) and the others are rebuilt all the same: the stopped ones are returned.
 */
export async function rebuildReadModels(env: Environment, log: RebuildLog): Promise<StoppedProjection[]> {
  const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL, ALL_ENTITIES)).initialize();
  const { store, close } = createEventStore(
    env,
    (error) => log.error('event store read failed', { err: error }),
    (sql, parameters) => dataSource.query(sql, parameters),
  );
  try {
    const protector = personalDataProtectorFor(env, (sql, parameters) => dataSource.query(sql, parameters));
    const runner = new ProjectionRunner(
      dataSource,
      store,
      new EventCodec(ALL_EVENT_TYPES, protector),
      allProjections(env),
      {
        log,
      },
    );
    await runner.resetAll();
    return await runner.catchUp();
  } finally {
    await close();
    await dataSource.destroy();
  }
}
