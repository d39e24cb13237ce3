/**
 * Benchmark 1: PostgresEventStore.appendToStream (one event, new stream, 'no_stream') at 1, 8 and
 * 32 concurrent callers, each step followed by pgbench single-row INSERT TPS at the same client
 * count on a jsonb table in the same (scratch) database. Also runs the migrations first.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore } from '@nrm/event-store';
import { runMigrations } from '@nrm/platform';
import { Pool } from 'pg';
import {
  busyPercent,
  caseOpenedData,
  CONCURRENCIES,
  eventMetadata,
  fmt,
  log,
  machineCpu,
  percentile,
  requireEnv,
  resultsDir,
  stepSeconds,
  writeResult,
} from './lib';

export interface StoreStep {
  concurrency: number;
  appends: number;
  errors: number;
  seconds: number;
  appendsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuBusyPercent: number;
  pgbenchTps: number;
  pgbenchCpuBusyPercent: number;
  ratio: number;
}

const MAX_APPENDS_PER_STEP = 500_000;

async function appendStep(
  databaseUrl: string,
  concurrency: number,
  seconds: number,
): Promise<Omit<StoreStep, 'pgbenchTps' | 'pgbenchCpuBusyPercent' | 'ratio'>> {
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
  const store = new PostgresEventStore(pool);
  try {
    // Open every connection before the clock starts (pgbench also excludes connection time).
    await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
    const latencies: number[] = [];
    let started = 0;
    let errors = 0;
    const cpuFrom = machineCpu();
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline && started < MAX_APPENDS_PER_STEP) {
          started++;
          const event = {
            id: randomUUID(),
            // Not a type any projection handles: the API's projections skip these events.
            type: 'BenchAppended',
            schemaVersion: 1,
            data: caseOpenedData(),
            metadata: eventMetadata(),
          };
          const begin = performance.now();
          try {
            await store.appendToStream(`case-${randomUUID()}`, [event], 'no_stream');
            latencies.push(performance.now() - begin);
          } catch (error) {
            if (errors++ === 0) log(`append failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const cpuBusy = busyPercent(cpuFrom, machineCpu());
    latencies.sort((a, b) => a - b);
    return {
      concurrency,
      appends: latencies.length,
      errors,
      seconds: elapsed,
      appendsPerSecond: latencies.length / elapsed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      cpuBusyPercent: cpuBusy,
    };
  } finally {
    await pool.end();
  }
}

function pgbench(
  databaseUrl: string,
  script: string,
  concurrency: number,
  seconds: number,
): { tps: number; cpuBusyPercent: number } {
  const args = [
    '-n',
    '-c',
    String(concurrency),
    '-j',
    String(Math.min(concurrency, 2)),
    '-T',
    String(seconds),
    '-f',
    script,
    databaseUrl,
  ];
  const cpuFrom = machineCpu();
  const run = spawnSync(process.env.PGBENCH ?? '/usr/bin/pgbench', args, {
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
  });
  const cpuBusyPercent = busyPercent(cpuFrom, machineCpu());
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout ?? '');
  if (run.status !== 0 || !match) {
    log(`pgbench -c ${concurrency} failed (status ${run.status}): ${(run.stderr ?? '').trim().slice(-500)}`);
    return { tps: NaN, cpuBusyPercent };
  }
  return { tps: Number(match[1]), cpuBusyPercent };
}

async function main(): Promise<void> {
  const databaseUrl = requireEnv('DATABASE_URL');
  const seconds = stepSeconds();

  log('running migrations');
  await runMigrations(databaseUrl);

  // The pgbench table: one identity key and a jsonb payload the size of an event's data + metadata.
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL)',
  );
  await pool.end();
  // pgbench substitutes `:name` variables; a space after every JSON colon keeps the payload literal.
  const payload = JSON.stringify({ data: caseOpenedData(), metadata: eventMetadata() }).replace(/":/g, '": ');
  if (payload.includes("'")) throw new Error('payload must not contain a single quote');
  const script = join(resultsDir(), 'pgbench-insert.sql');
  writeFileSync(script, `INSERT INTO bench_rows (payload) VALUES ('${payload}'::jsonb);\n`);
  log(`pgbench payload ${Buffer.byteLength(payload)} bytes`);

  const steps: StoreStep[] = [];
  for (const concurrency of CONCURRENCIES) {
    log(`event store: appendToStream at concurrency ${concurrency} for ${seconds}s`);
    const step = await appendStep(databaseUrl, concurrency, seconds);
    log(
      `  ${fmt(step.appendsPerSecond)} appends/s (p50 ${fmt(step.p50Ms, 2)} ms, p99 ${fmt(step.p99Ms, 2)} ms, ${step.errors} errors, CPU ${fmt(step.cpuBusyPercent)}%)`,
    );
    log(`pgbench: single-row INSERT at ${concurrency} clients for ${seconds}s`);
    const bench = pgbench(databaseUrl, script, concurrency, seconds);
    log(`  ${fmt(bench.tps)} TPS (CPU ${fmt(bench.cpuBusyPercent)}%)`);
    steps.push({
      ...step,
      pgbenchTps: bench.tps,
      pgbenchCpuBusyPercent: bench.cpuBusyPercent,
      ratio: step.appendsPerSecond / bench.tps,
    });
  }
  writeResult('store', steps);

  // The HTTP benchmarks start from an empty store (the API's projections would replay these events).
  // TRUNCATE leaves the table without statistics, as a fresh installation's: a VACUUM ANALYZE here
  // recorded it as empty, and the plans that connections kept from then on scanned the whole table.
  const cleanup = new Pool({ connectionString: databaseUrl, max: 1 });
  await cleanup.query('TRUNCATE events, bench_rows');
  await cleanup.end();
}

main().catch((error) => {
  log(`event-store bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
