import 'reflect-metadata';
import { runMigrations, loadEnvironment } from '@nrm/platform';
import pino from 'pino';
import { verifyIntegrityCommand } from './integrity';
import { projectionsCommand } from './projections';
import { rebuildReadModels } from './rebuild-read-models';

const log = pino({ name: 'nrm-cli' });

const commands: Record<string, () => Promise<void>> = {
  /** Applies every pending migration. */
  async migrate() {
    const env = loadEnvironment();
    const applied = await runMigrations(env.DATABASE_URL);
    log.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date');
  },

  /**
   * Empties every read model and replays all events into it. Stop workers first, or it waits for
   * them. A projection that cannot apply an event is reported and the others rebuilt; exit code 1.
   */
  async 'rebuild-read-models'() {
    const stopped = await rebuildReadModels(loadEnvironment(), {
      info: (message, context) => log.info(context, message),
      error: (message, context) => log.error(context, message),
    });
    for (const stop of stopped)
      log.error(stop, `projection ${stop.projection} stopped at ${stop.position}: ${stop.error}`);
    if (stopped.length > 0) {
      log.error(
        { stopped: stopped.map((stop) => stop.projection) },
        `read models rebuilt except ${stopped.length} stopped projection(s); see npm run projections -- list`,
      );
      process.exitCode = 1;
      return;
    }
    log.info('read models rebuilt');
  },

  /** `projections list | resume <name> | skip <name> --reason <text> [--by <who>]` (README: Operations). */
  async projections() {
    const env = loadEnvironment();
    process.exitCode = await projectionsCommand(env, process.argv.slice(3), (line) =>
      process.stdout.write(`${line}\n`),
    );
  },

  /** `verify-integrity [--anchor]`: the hash chains of every stream and the latest anchor (README: Tamper-evident history). */
  async 'verify-integrity'() {
    const env = loadEnvironment();
    process.exitCode = await verifyIntegrityCommand(env, process.argv.slice(3), (line) =>
      process.stdout.write(`${line}\n`),
    );
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
