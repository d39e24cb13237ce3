import 'reflect-metadata';
import { ALL_ENTITIES, ALL_EVENT_TYPES, allProjections } from '@nrm/composition';
import { EventCodec, PlaintextPersonalDataProtector } from '@nrm/event-store';
import { dataSourceOptions, runMigrations } from '@nrm/platform/database/data-source';
import { validateEnvironment } from '@nrm/platform/config/environment';
import { createEventStore } from '@nrm/platform/event-store/create-event-store';
import { ProjectionRunner } from '@nrm/projections';
import pino from 'pino';
import { DataSource } from 'typeorm';

const log = pino({ name: 'nrm-cli' });

const commands: Record<string, () => Promise<void>> = {
  /** Applies every pending migration. */
  async migrate() {
    const env = validateEnvironment(process.env);
    const applied = await runMigrations(env.DATABASE_URL);
    log.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date');
  },

  /** Empties every read model and replays all events into it. Stop workers first, or it waits for them. */
  async 'rebuild-read-models'() {
    const env = validateEnvironment(process.env);
    const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL, ALL_ENTITIES)).initialize();
    const { store, close } = createEventStore(env, (error) => log.warn({ err: error }, 'event store read failed'));
    try {
      const runner = new ProjectionRunner(
        dataSource,
        store,
        new EventCodec(ALL_EVENT_TYPES, new PlaintextPersonalDataProtector()),
        allProjections(),
        {
          log: {
            info: (message, context) => log.info(context, message),
            error: (message, context) => log.error(context, message),
          },
        },
      );
      await runner.resetAll();
      await runner.catchUp();
      log.info('read models rebuilt');
    } finally {
      await close();
      await dataSource.destroy();
    }
  },
};

async function main(): Promise<void> {
  const name = process.argv[2];
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: cli <${Object.keys(commands).join('|')}>\n`);
    process.exit(2);
  }
  await command();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
