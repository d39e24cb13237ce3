import type { Environment } from '@nrm/platform';
import {
  ProjectionNotStoppedError,
  projectionStates,
  resumeProjection,
  skipStoppedEvent,
  type Sql,
} from '@nrm/projections';
import { userInfo } from 'node:os';
import { Pool } from 'pg';

const USAGE = 'usage: projections list | resume <name> | skip <name> --reason <text> [--by <who>]';

/**
 * The operator's handle on projections (`npm run projections -- …`): list shows each checkpoint
 * and any stop (position and error); resume makes a stopped projection try its event again (after
 * a fix); skip moves it past that event, recording the reason. Returns the exit code.
 */
export async function projectionsCommand(env: Environment, args: string[], print: (line: string) => void) {
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 1 });
  const sql: Sql = async (text, parameters) => (await pool.query(text, parameters)).rows;
  try {
    const [action, name] = args;
    if (action === 'list' || action === undefined) {
      for (const state of await projectionStates(sql)) {
        const where = state.stopped
          ? `STOPPED at ${state.stopped.position} since ${state.stopped.stoppedAt}: ${state.stopped.error}`
          : 'running';
        print(`${state.projection}\tcheckpoint ${state.position ?? '-'}\t${where}`);
      }
      return 0;
    }
    if (action === 'resume' && name) {
      const stopped = await resumeProjection(sql, name);
      print(`${name} resumes at ${stopped.position} (it had stopped on: ${stopped.error})`);
      return 0;
    }
    const reason = option(args, '--reason');
    if (action === 'skip' && name && reason) {
      const stopped = await skipStoppedEvent(sql, name, reason, option(args, '--by') ?? userInfo().username);
      print(`${name} skipped the event at ${stopped.position} (${stopped.error}); recorded with the reason given`);
      return 0;
    }
    print(USAGE);
    return 2;
  } catch (error) {
    if (!(error instanceof ProjectionNotStoppedError)) throw error;
    print(error.message);
    return 1;
  } finally {
    await pool.end();
  }
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}
