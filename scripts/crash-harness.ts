/**
 * The crash harness's load and its count (see scripts/crash-harness.sh, which prepares the
 * database and the environment). Runs the compiled API with its worker, as `npm start` does.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { allProjections } from '@nrm/composition';
import { Environment } from '@nrm/platform';
import { Pool } from 'pg';
import { freePort, log, openCaseBody, print } from '../bench/lib';
import { responder, signToken } from '../test/support/tokens';

const ROOT = resolve(__dirname, '..');
const COMMANDS = Number(process.env.CRASH_COMMANDS ?? 1500);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 16);
const KILL_EVERY_MS = Number(process.env.CRASH_KILL_EVERY_MS ?? 5000);
const TERMINATE_EVERY_MS = Number(process.env.CRASH_TERMINATE_EVERY_MS ?? 350);
/** A command not answered 201 after this many tries counts as lost. */
const MAX_TRIES = 300;

class Api {
  private child: ChildProcess | null = null;
  /** Exits nobody asked for (a crash). */
  unexpectedExits = 0;
  kills = 0;

  constructor(readonly port: number) {}

  start(): void {
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js'), '--with-worker'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        NODE_ENV: 'production',
        INTEGRITY_ANCHOR_KEY: 'a-crash-harness-only-integrity-anchor-key-32',
        RATE_LIMIT_PER_MINUTE: '1000000000',
      },
    });
    child.once('exit', () => {
      if (this.child !== child) return;
      this.unexpectedExits++;
      this.start();
    });
    this.child = child;
  }

  /** GET /health answers 200 (the first start: a harness whose API never starts measures nothing). */
  async healthy(timeoutMs = 45_000): Promise<void> {
    for (const giveUpAt = Date.now() + timeoutMs; Date.now() < giveUpAt; await sleep(100)) {
      const status = await new Promise<number>((resolve) =>
        http
          .get({ host: '127.0.0.1', port: this.port, path: '/health' }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
          .on('error', () => resolve(0)),
      );
      if (status === 200) return;
      if (this.unexpectedExits > 0) throw new Error('the API exited during its first start (its log is above)');
    }
    throw new Error(`GET /health did not answer 200 within ${timeoutMs} ms`);
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills++;
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function post(port: number, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/cases',
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let data = '';
        response.on('data', (chunk) => (data += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: data }));
        response.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    request.on('error', () => resolve({ status: 0, body: '' }));
    request.on('timeout', () => request.destroy());
    request.end(body);
  });
}

async function main(): Promise<void> {
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  db.on('error', () => undefined);
  const token = await signToken(responder('police-baku', 'crash-officer'), process.env.AUTH_JWT_SECRET, '2h');
  const api = new Api(await freePort());
  api.start();
  await api.healthy();
  const statuses: Record<string, number> = {};
  const acknowledged = new Map<string, string>(); // key -> case id
  const lost: string[] = [];
  let terminations = 0;
  let sent = 0;
  let done = false;

  const chaos = (async () => {
    let lastKill = Date.now();
    while (!done) {
      await sleep(TERMINATE_EVERY_MS > 0 ? TERMINATE_EVERY_MS : 100);
      if (done) break;
      if (KILL_EVERY_MS > 0 && Date.now() - lastKill >= KILL_EVERY_MS) {
        await api.kill();
        api.start();
        lastKill = Date.now();
      } else if (TERMINATE_EVERY_MS > 0) {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        terminations += Number(rows[0].n);
      }
    }
  })();

  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (sent < COMMANDS) {
        sent++;
        const key = randomUUID();
        const body = JSON.stringify(openCaseBody());
        for (let attempt = 1; ; attempt++) {
          const answer = await post(api.port, { authorization: `Bearer ${token}`, 'idempotency-key': key }, body);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.status === 201) {
            acknowledged.set(key, (JSON.parse(answer.body) as { caseId: string }).caseId);
            break;
          }
          if (attempt >= MAX_TRIES || (answer.status >= 400 && answer.status < 500 && answer.status !== 429)) {
            lost.push(`${key}: ${answer.status} ${answer.body.slice(0, 200)}`);
            break;
          }
          await sleep(50 + Math.min(attempt, 20) * 25);
        }
      }
    }),
  );
  done = true;
  await chaos;

  // The read side catches up: every acknowledged case in case_summaries, or 60 s.
  const caseIds = [...new Set(acknowledged.values())];
  const missingFromReadModel = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM unnest($1::uuid[]) AS id
           WHERE NOT EXISTS (SELECT 1 FROM case_summaries c WHERE c.case_id = id)`,
          [caseIds],
        )
      ).rows[0].n,
    );
  let missing = await missingFromReadModel();
  for (let waited = 0; missing > 0 && waited < 60_000; waited += 500) {
    await sleep(500);
    missing = await missingFromReadModel();
  }
  const one = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
  // The read models as the crashes left them, against a rebuild from the events alone.
  const caughtUp = await everyProjectionAtHead(db);
  const kills = api.kills;
  await api.kill();
  const lived = await readModelDigests(db);
  const rebuild = spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'rebuild-read-models'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rebuilt = await readModelDigests(db);
  const differingFromRebuild = Object.keys(lived).filter(
    (table) => lived[table].rows !== rebuilt[table].rows || lived[table].digest !== rebuilt[table].digest,
  );
  const result = {
    commands: COMMANDS,
    acknowledged: acknowledged.size,
    distinctCases: caseIds.length,
    caseOpenedEvents: await one(`SELECT count(*) AS n FROM events WHERE event_type = 'CaseOpened'`),
    keysInProgress: await one(`SELECT count(*) AS n FROM idempotency_keys WHERE completed_at IS NULL`),
    missingFromReadModel: missing,
    stoppedProjections: (
      await db.query<{ projection: string; stopped_error: string }>(
        `SELECT projection, stopped_error FROM projection_checkpoints WHERE stopped_at IS NOT NULL`,
      )
    ).rows,
    projectionsCaughtUp: caughtUp,
    rebuildExitStatus: rebuild.status,
    readModelRows: Object.fromEntries(Object.entries(lived).map(([table, { rows }]) => [table, rows])),
    differingFromRebuild,
    kills,
    terminatedSessions: terminations,
    unexpectedExits: api.unexpectedExits,
    answers: statuses,
    lost,
  };
  await db.end();
  print(JSON.stringify(result));
  const held =
    lost.length === 0 &&
    result.acknowledged === COMMANDS &&
    result.distinctCases === COMMANDS &&
    result.caseOpenedEvents === COMMANDS &&
    result.keysInProgress === 0 &&
    missing === 0 &&
    result.stoppedProjections.length === 0 &&
    result.unexpectedExits === 0 &&
    caughtUp &&
    rebuild.status === 0 &&
    differingFromRebuild.length === 0 &&
    !statuses[500];
  print(held ? 'crash harness: held' : 'crash harness: FAILED');
  process.exitCode = held ? 0 : 1;
}

/** Every projection's checkpoint at the store's last event (the worker is still running), or false after 60 s. */
async function everyProjectionAtHead(db: Pool): Promise<boolean> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    const { rows } = await db.query<{ behind: string }>(
      `SELECT count(*) AS behind FROM projection_checkpoints
       WHERE position IS DISTINCT FROM (
         SELECT global_position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1)`,
    );
    if (Number(rows[0].behind) === 0) return true;
    await sleep(200);
  }
  return false;
}

/**
 * Each read model's row count and a digest of its rows, in a fixed order, leaving out the columns
 * PostgreSQL fills in when a row is written (now(), sequences): what a rebuild must give again.
 */
async function readModelDigests(db: Pool): Promise<Record<string, { rows: number; digest: string }>> {
  const digests: Record<string, { rows: number; digest: string }> = {};
  for (const table of allProjections(new Environment()).flatMap((projection) => projection.tables)) {
    const { rows: columns } = await db.query<{ name: string }>(
      `SELECT quote_ident(column_name) AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1
         AND coalesce(column_default, '') !~ '(now\\(\\)|nextval|random)'
       ORDER BY ordinal_position`,
      [table],
    );
    const { rows } = await db.query<{ n: string; digest: string }>(
      `SELECT count(*) AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS digest
       FROM (SELECT ROW(${columns.map((column) => column.name).join(', ')})::text AS r FROM ${table}) AS rows_of`,
    );
    digests[table] = { rows: Number(rows[0].n), digest: rows[0].digest };
  }
  return digests;
}

main().catch((error: unknown) => {
  log(`crash harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
