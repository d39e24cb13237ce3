/**
 * Benchmarks 2 and 3 against the compiled API and worker, as served (`npm run start:api`, `start:worker`):
 *   2. POST /cases closed-loop at 1, 8 and 32 concurrent clients: commands/s, p50/p99, non-201s;
 *   3. POST /cases open-loop at a fixed rate: lag from each 201 until the `case-summaries`
 *      checkpoint covers the command's position (checkpoint polled from another thread).
 * The API's RSS is sampled from /proc/<pid>/status during both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PostgresEventStore } from '@nrm/event-store';
import { Pool } from 'pg';
import { responder, signToken } from '../test/support/tokens';
import {
  busyPercent,
  CONCURRENCIES,
  fmt,
  freePort,
  log,
  machineCpu,
  nowMs,
  openCaseBody,
  percentile,
  postgresCpuSeconds,
  processCpuSeconds,
  requireEnv,
  resultsDir,
  rssMb,
  stepSeconds,
  writeResult,
} from './lib';

const PROJECTION = 'case-summaries';
const ROOT = resolve(__dirname, '..');

export interface HttpStep {
  concurrency: number;
  commands: number;
  seconds: number;
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non201: number;
  non201Sample: string | null;
  rssMaxMb: number;
  apiCpuPercentOfCore: number;
  workerCpuPercentOfCore: number;
  postgresCpuPercentOfCore: number;
  clientCpuPercentOfCore: number;
  machineBusyPercent: number;
}

export interface LagResult {
  targetRate: number;
  sent: number;
  ok: number;
  non201: number;
  achievedRate: number;
  commandP50Ms: number;
  commandP99Ms: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  notCovered: number;
  checkpointPolls: number;
  pollIntervalMs: number;
  rssMaxMb: number;
  apiCpuPercentOfCore: number;
  workerCpuPercentOfCore: number;
  postgresCpuPercentOfCore: number;
  machineBusyPercent: number;
}

interface Reply {
  status: number;
  body: string;
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders,
  payload?: Buffer,
): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: payload ? { ...headers, 'content-length': payload.length } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.setTimeout(15_000, () => req.destroy(new Error('request timed out')));
    req.end(payload);
  });
}

/** Samples the API's RSS every 50 ms while running. */
class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  max = 0;
  constructor(private readonly pid: number) {}
  start(): this {
    this.max = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
    return this;
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return this.max;
  }
  private sample(): void {
    const mb = rssMb(this.pid);
    if (Number.isFinite(mb)) this.max = Math.max(this.max, mb);
  }
}

/**
 * CPU used by the API process, the worker process (NaN when it runs in the API's), PostgreSQL,
 * this client process and the whole machine over a span: where a command's CPU goes.
 */
function cpuMeter(api: Api) {
  const apiSeconds = processCpuSeconds(api.pid);
  const workerSeconds = api.workerPid === null ? NaN : processCpuSeconds(api.workerPid);
  const postgresSeconds = postgresCpuSeconds();
  const self = process.cpuUsage();
  const machine = machineCpu();
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const own = process.cpuUsage(self);
    const percent = (used: number) => (100 * used) / seconds;
    return {
      apiCpuPercentOfCore: percent(processCpuSeconds(api.pid) - apiSeconds),
      workerCpuPercentOfCore: api.workerPid === null ? NaN : percent(processCpuSeconds(api.workerPid) - workerSeconds),
      postgresCpuPercentOfCore: percent(postgresCpuSeconds() - postgresSeconds),
      clientCpuPercentOfCore: percent((own.user + own.system) / 1e6),
      machineBusyPercent: busyPercent(machine, machineCpu()),
    };
  };
}

/**
 * BENCH_TOPOLOGY=single (default): API and worker in one process, as `npm start` runs them;
 * separate: an API process and a worker process, as production runs them.
 */
const SEPARATE_WORKER = process.env.BENCH_TOPOLOGY !== 'single';
const API_NODE_OPTIONS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    config: { apiNodeOptions: string };
  }
).config.apiNodeOptions.split(' ');

class Api {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    private readonly worker: ChildProcess | null,
  ) {}

  static async start(env: NodeJS.ProcessEnv): Promise<Api> {
    const port = await freePort();
    const logFile = join(resultsDir(), 'api.log');
    const out = openSync(logFile, 'a');
    const childEnv = {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // Production requires a blind-index key and an anchor key; bench-only ones.
      PERSON_MATCH_KEY: 'YmVuY2gtb25seS1wZXJzb24tbWF0Y2gta2V5LTMyYnk=',
      INTEGRITY_ANCHOR_KEY: 'a-bench-only-integrity-anchor-key-of-32-characters',
      // The load comes from a few users: the limiter runs (its cost is measured) but never refuses.
      RATE_LIMIT_PER_MINUTE: '1000000000',
    };
    // BENCH_CPU_PROFILE_DIR: each process writes a V8 CPU profile there when it exits (open it in
    // Chrome DevTools or speedscope): where a command's time goes, measured rather than guessed.
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    // As `npm run start:api` and the image start it: with its heap settings when it runs alone.
    const apiArgs = SEPARATE_WORKER
      ? [...nodeArgs, ...API_NODE_OPTIONS, join(ROOT, 'dist/apps/api/src/main.js')]
      : [...nodeArgs, join(ROOT, 'dist/apps/api/src/main.js'), '--with-worker'];
    const child = spawn(process.execPath, apiArgs, { cwd: ROOT, env: childEnv, stdio: ['ignore', out, out] });
    const worker = SEPARATE_WORKER
      ? spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/worker/src/main.js')], {
          cwd: ROOT,
          env: childEnv,
          stdio: ['ignore', out, out],
        })
      : null;
    const api = new Api(child, port, worker);
    writeFileSync(join(resultsDir(), 'api.pid'), String(child.pid));
    let exited = false;
    child.once('exit', () => (exited = true));
    const agent = new http.Agent({ keepAlive: false });
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (exited) throw new Error(`the API exited during start; see ${logFile}`);
      try {
        const reply = await request(agent, port, 'GET', '/health', {});
        if (reply.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`GET /health did not answer 200 within 45 s; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    log(
      `API pid ${child.pid} healthy on 127.0.0.1:${port}${worker ? `, worker pid ${worker.pid}` : ' (worker in the same process)'}`,
    );
    return api;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** The worker's process, or null when it runs in the API's. */
  get workerPid(): number | null {
    return this.worker?.pid ?? null;
  }

  async stop(): Promise<void> {
    await Promise.all([stopProcess(this.child), this.worker ? stopProcess(this.worker) : undefined]);
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function closedLoop(api: Api, token: string, concurrency: number, seconds: number): Promise<HttpStep> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const latencies: number[] = [];
  let non201 = 0;
  let non201Sample: string | null = null;
  const rss = new RssSampler(api.pid).start();
  const cpu = cpuMeter(api);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && started < 200_000) {
        started++;
        const begin = performance.now();
        try {
          const reply = await request(
            agent,
            api.port,
            'POST',
            '/cases',
            headers,
            Buffer.from(JSON.stringify(openCaseBody())),
          );
          if (reply.status === 201) latencies.push(performance.now() - begin);
          else {
            non201++;
            non201Sample ??= `${reply.status} ${reply.body.slice(0, 200)}`;
          }
        } catch (error) {
          non201++;
          non201Sample ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const usage = cpu();
  const rssMaxMb = rss.stop();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    commands: latencies.length,
    seconds: elapsed,
    commandsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non201,
    non201Sample,
    rssMaxMb,
    ...usage,
  };
}

/** Polls the projection's checkpoint from its own thread and connection; records every change. */
const POLLER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Client } = require(workerData.pgPath);
let stopping = false;
parentPort.on('message', () => { stopping = true; });
(async () => {
  const client = new Client({ connectionString: workerData.url });
  await client.connect();
  const observations = [];
  let last;
  let polls = 0;
  parentPort.postMessage({ ready: true });
  while (!stopping) {
    const { rows } = await client.query({ text: 'SELECT position FROM projection_checkpoints WHERE projection = $1', values: [workerData.projection] });
    const at = performance.timeOrigin + performance.now();
    polls++;
    const position = rows.length ? rows[0].position : null;
    if (position !== last) { observations.push([at, position]); last = position; }
    await new Promise((r) => setTimeout(r, workerData.intervalMs));
  }
  await client.end();
  parentPort.postMessage({ observations, polls });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

type Tuple = readonly [bigint, bigint];
const atLeast = (a: Tuple, b: Tuple): boolean => a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);

async function projectionLag(
  api: Api,
  token: string,
  databaseUrl: string,
  rate: number,
  seconds: number,
): Promise<LagResult> {
  const pollIntervalMs = 2;
  const poller = new Worker(POLLER_SOURCE, {
    eval: true,
    workerData: { pgPath: require.resolve('pg'), url: databaseUrl, projection: PROJECTION, intervalMs: pollIntervalMs },
  });
  const messages: { ready?: boolean; observations?: [number, string | null][]; polls?: number; error?: string }[] = [];
  let wake: (() => void) | null = null;
  poller.on('message', (m) => {
    messages.push(m);
    wake?.();
  });
  poller.on('error', (e) => {
    messages.push({ error: String(e) });
    wake?.();
  });
  const next = async () => {
    const deadline = Date.now() + 15_000;
    while (messages.length === 0) {
      if (Date.now() > deadline) throw new Error('checkpoint poller did not answer');
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 100);
      });
    }
    const m = messages.shift()!;
    if (m.error) throw new Error(`checkpoint poller: ${m.error}`);
    return m;
  };
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await next(); // ready

    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const total = Math.round(rate * seconds);
    const answered: { at: number; position: bigint; ms: number }[] = [];
    let non201 = 0;
    const inflight: Promise<void>[] = [];
    const fire = () => {
      const begin = performance.now();
      inflight.push(
        request(agent, api.port, 'POST', '/cases', headers, Buffer.from(JSON.stringify(openCaseBody()))).then(
          (reply) => {
            const at = nowMs();
            if (reply.status !== 201) {
              non201++;
              return;
            }
            answered.push({
              at,
              position: BigInt((JSON.parse(reply.body) as { position: string }).position),
              ms: performance.now() - begin,
            });
          },
          () => {
            non201++;
          },
        ),
      );
    };
    const rss = new RssSampler(api.pid).start();
    const cpu = cpuMeter(api);
    const t0 = performance.now();
    let sent = 0;
    await new Promise<void>((done) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
        while (sent < due) {
          fire();
          sent++;
        }
        if (sent < total && performance.now() - t0 < (seconds + 5) * 1000) setTimeout(tick, 1);
        else done();
      };
      tick();
    });
    await Promise.all(inflight);
    const loadSeconds = (performance.now() - t0) / 1000;
    const usage = cpu();
    agent.destroy();

    // Let the projection catch up with everything acknowledged (bounded), then stop polling.
    const store = new PostgresEventStore(pool);
    const { rows: ends } = await pool.query<{ position: string }>(
      'SELECT global_position AS position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
    );
    const end = ends.length ? BigInt(ends[0].position) : null;
    const drainDeadline = Date.now() + 10_000;
    while (end !== null && Date.now() < drainDeadline) {
      const { rows } = await pool.query<{ position: string | null }>(
        'SELECT position FROM projection_checkpoints WHERE projection = $1',
        [PROJECTION],
      );
      const checkpoint = rows[0]?.position ? BigInt(rows[0].position) : null;
      if (await store.hasReached(checkpoint, end)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 20));
    const rssMaxMb = rss.stop();
    poller.postMessage('stop');
    const { observations = [], polls = 0 } = await next();

    // Compare positions in the store's order: (transaction_id, global_position).
    const positions = new Set<string>(answered.map((a) => a.position.toString()));
    for (const [, p] of observations) if (p !== null) positions.add(p);
    const { rows: tuples } = await pool.query<{ position: string; xid: string }>(
      'SELECT global_position::text AS position, transaction_id::text AS xid FROM events WHERE global_position = ANY($1::bigint[])',
      [[...positions]],
    );
    const order = new Map<string, Tuple>(tuples.map((t) => [t.position, [BigInt(t.xid), BigInt(t.position)] as const]));
    const seen = observations
      .filter(([, p]) => p !== null && order.has(p))
      .map(([at, p]) => ({ at, tuple: order.get(p as string)! }));

    const lags: number[] = [];
    let notCovered = 0;
    for (const command of answered) {
      const target = order.get(command.position.toString());
      let lo = 0;
      let hi = seen.length;
      while (target && lo < hi) {
        const mid = (lo + hi) >> 1;
        if (atLeast(seen[mid].tuple, target)) hi = mid;
        else lo = mid + 1;
      }
      if (!target || lo === seen.length) notCovered++;
      else lags.push(Math.max(0, seen[lo].at - command.at));
    }
    lags.sort((a, b) => a - b);
    const commandMs = answered.map((a) => a.ms).sort((a, b) => a - b);
    return {
      targetRate: rate,
      sent,
      ok: answered.length,
      non201,
      achievedRate: answered.length / loadSeconds,
      commandP50Ms: percentile(commandMs, 50),
      commandP99Ms: percentile(commandMs, 99),
      lagP50Ms: percentile(lags, 50),
      lagP99Ms: percentile(lags, 99),
      lagMaxMs: lags.length ? lags[lags.length - 1] : NaN,
      notCovered,
      checkpointPolls: polls,
      pollIntervalMs,
      rssMaxMb,
      apiCpuPercentOfCore: usage.apiCpuPercentOfCore,
      workerCpuPercentOfCore: usage.workerCpuPercentOfCore,
      postgresCpuPercentOfCore: usage.postgresCpuPercentOfCore,
      machineBusyPercent: usage.machineBusyPercent,
    };
  } finally {
    await poller.terminate();
    await pool.end();
  }
}

export interface IdleResult {
  seconds: number;
  transactions: number;
  transactionsPerSecond: number;
}

/**
 * Transactions committed in the bench database (pg_stat_database.xact_commit) with the API and
 * the worker running and no traffic: the cost of waiting. Backends publish their counts lazily
 * (about every second when busy, 10 s when idle), so the window is long; the two statements that
 * read the counter are not counted.
 */
async function idleTransactions(databaseUrl: string, seconds: number): Promise<IdleResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const committed = async () => {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT pg_stat_force_next_flush(), xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    return Number(rows[0].n);
  };
  try {
    await new Promise((r) => setTimeout(r, 11_000)); // start-up work done and published
    const before = await committed();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const after = await committed();
    const elapsed = (performance.now() - t0) / 1000;
    const transactions = after - before - 1;
    return { seconds: elapsed, transactions, transactionsPerSecond: transactions / elapsed };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const databaseUrl = requireEnv('DATABASE_URL');
  const secret = requireEnv('AUTH_JWT_SECRET');
  const seconds = stepSeconds();
  const rates = (process.env.BENCH_LAG_RATES ?? '500,1000').split(',').map(Number);
  const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
  const token = await signToken(responder('police-baku', 'bench-officer'), secret, '1h');

  const api = await Api.start({ DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: secret });
  const stopApi = () => api.child.kill('SIGKILL');
  process.once('exit', stopApi);
  try {
    log(`idle: transactions committed in the database over ${idleSeconds} s with no traffic`);
    const idle = await idleTransactions(databaseUrl, idleSeconds);
    log(`  ${fmt(idle.transactionsPerSecond, 2)} transactions/s (${idle.transactions} in ${fmt(idle.seconds, 1)} s)`);
    writeResult('idle', idle);

    log('warm-up: 3 s at 8 clients');
    await closedLoop(api, token, 8, 3);
    const steps: HttpStep[] = [];
    for (const concurrency of CONCURRENCIES) {
      log(`HTTP: POST /cases at ${concurrency} clients for ${seconds}s`);
      const step = await closedLoop(api, token, concurrency, seconds);
      log(
        `  ${fmt(step.commandsPerSecond)} commands/s, p50 ${fmt(step.p50Ms, 1)} ms, p99 ${fmt(step.p99Ms, 1)} ms, ` +
          `${step.non201} non-201${step.non201Sample ? ` (${step.non201Sample})` : ''}, RSS max ${fmt(step.rssMaxMb)} MB, ` +
          `CPU api ${fmt(step.apiCpuPercentOfCore)}% worker ${fmt(step.workerCpuPercentOfCore)}% ` +
          `postgres ${fmt(step.postgresCpuPercentOfCore)}% client ${fmt(step.clientCpuPercentOfCore)}% machine ${fmt(step.machineBusyPercent)}%`,
      );
      steps.push(step);
    }
    writeResult('http', steps);

    const lags: LagResult[] = [];
    for (const rate of rates) {
      log(`projection lag: POST /cases open-loop at ${rate}/s for ${seconds}s`);
      const lag = await projectionLag(api, token, databaseUrl, rate, seconds);
      log(
        `  achieved ${fmt(lag.achievedRate)}/s (${lag.ok} ok, ${lag.non201} non-201), lag p50 ${fmt(lag.lagP50Ms, 1)} ms, ` +
          `p99 ${fmt(lag.lagP99Ms, 1)} ms, max ${fmt(lag.lagMaxMs, 1)} ms, ${lag.notCovered} not covered, RSS max ${fmt(lag.rssMaxMb)} MB, ` +
          `CPU api ${fmt(lag.apiCpuPercentOfCore)}% worker ${fmt(lag.workerCpuPercentOfCore)}% postgres ${fmt(lag.postgresCpuPercentOfCore)}%`,
      );
      lags.push(lag);
      writeResult('lag', lags); // after each phase: a later one that fails keeps the earlier figures
    }
  } finally {
    await api.stop();
    process.removeListener('exit', stopApi);
  }
}

main().catch((error) => {
  log(`HTTP bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
