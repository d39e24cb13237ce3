import 'reflect-metadata';
import { runMigrations } from '@nrm/platform/database/data-source';
import { validateEnvironment } from '@nrm/platform/config/environment';
import pino from 'pino';
import { rebuildReadModels } from './rebuild-read-models';

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
    await rebuildReadModels(validateEnvironment(process.env), {
      info: (message, context) => log.info(context, message),
      error: (message, context) => log.error(context, message),
    });
    log.info('read models rebuilt');
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
