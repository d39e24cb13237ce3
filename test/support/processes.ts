import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { redisUrl, TEST_PERSONAL_DATA_MASTER_KEY } from './test-environment';
import { TEST_JWT_SECRET } from './tokens';

/** Starts one of the repository's TypeScript entry points (e.g. apps/worker/src/main.ts) as its own node process. */
export const spawnEntry = (entry: string, args: string[], options: SpawnOptions): ChildProcess =>
  spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry, ...args],
    options,
  );

/** The environment a process of ours runs with on the test database `databaseUrl`, as deployed. */
export const processEnvironment = (databaseUrl: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY,
  EVENT_STORE: 'postgres',
  LOG_LEVEL: 'warn',
  ...extra,
});

/** A command of the operators' CLI (apps/cli), run as `npm run <command>` runs it: its exit code and output. */
export function runCli(command: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnEntry('apps/cli/src/main.ts', [command, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
