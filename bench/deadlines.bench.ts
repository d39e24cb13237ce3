/**
 * Benchmark 3: deadlines that never slip. 10,000 deadlines due within the next 60 seconds are
 * inserted into the `deadlines` table (as the deadline projection writes them) and scheduled with
 * DeadlineJobs.scheduleFor in pages of 1,000; the real deadline worker (BullMQ on Redis, handlers on
 * PostgreSQL, as in the worker process, with its reconciler running) fires them. For each deadline:
 * lateness = the escalation's created_at (its transaction's time) − due_at; missed = no escalation;
 * doubled = more than one escalation or 'due' recorded twice in deadline_job_steps.
 * Target: p99 under 1 s, none missed, none doubled.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ALL_EVENT_TYPES, CaseSummaryRulesModule } from '@nrm/composition';
import { DEADLINE_QUEUE, DeadlineJobs, DeadlineSchedulerModule } from '@nrm/deadlines';
import { PlatformModule } from '@nrm/platform';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { fmt, log, percentile, print, requireEnv, writeResult } from './lib';

export interface DeadlineBenchResult {
  deadlines: number;
  windowSeconds: number;
  scheduleSeconds: number;
  fired: number;
  missed: number;
  doubled: number;
  lateP50Ms: number;
  lateP99Ms: number;
  lateMaxMs: number;
  earlyCount: number;
}

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 10_000);
const WINDOW_SECONDS = 60;
/** The first deadline falls due this long after the start, so scheduling is over before it. */
const FIRST_DUE_MS = 3_000;
const PAGE = 1_000;

// CaseSummaryRulesModule: the case library, which the reflection period's expiry loads, reads with the rules.
@Module({
  imports: [
    PlatformModule.forRoot({ eventTypes: ALL_EVENT_TYPES, http: false }),
    DeadlineSchedulerModule,
    CaseSummaryRulesModule,
  ],
})
class DeadlineWorkerBenchModule {}

async function main(): Promise<void> {
  const databaseUrl = requireEnv('DATABASE_URL');
  const prefix = requireEnv('REDIS_KEY_PREFIX');
  process.env.LOG_LEVEL ??= 'warn';
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const app = await NestFactory.createApplicationContext(DeadlineWorkerBenchModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  const jobs = app.get(DeadlineJobs);
  try {
    const start = Date.now();
    const ids: string[] = [];
    const rows: unknown[][] = [];
    for (let i = 0; i < DEADLINES; i++) {
      const caseId = randomUUID();
      const dueAt = new Date(
        start + FIRST_DUE_MS + Math.floor(((WINDOW_SECONDS * 1000 - FIRST_DUE_MS) * i) / DEADLINES),
      );
      const deadlineId = `hand-over.${caseId}`;
      ids.push(deadlineId);
      rows.push([deadlineId, caseId, new Date(start), dueAt]);
    }
    for (let i = 0; i < rows.length; i += PAGE) {
      const page = rows.slice(i, i + PAGE);
      await pool.query(
        `INSERT INTO deadlines (deadline_id, kind, case_id, responsible_organisation_id, started_at, due_at, status, updated_position)
         SELECT id, 'hand-over', case_id::uuid, 'police-baku', started_at, due_at, 'open', 0
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS r(id, case_id, started_at, due_at)`,
        [page.map((r) => r[0]), page.map((r) => r[1]), page.map((r) => r[2]), page.map((r) => r[3])],
      );
    }
    const scheduleFrom = performance.now();
    for (let i = 0; i < ids.length; i += PAGE) await jobs.scheduleFor(ids.slice(i, i + PAGE));
    const scheduleSeconds = (performance.now() - scheduleFrom) / 1000;
    log(`deadlines: ${DEADLINES} inserted and scheduled in ${fmt(scheduleSeconds, 2)} s; waiting for them to fall due`);

    // Until every one has fired, or 10 s after the last due time.
    const lastDue = start + WINDOW_SECONDS * 1000;
    for (;;) {
      const { rows: counted } = await pool.query<{ n: string }>(
        `SELECT count(DISTINCT deadline_id) AS n FROM deadline_job_steps WHERE deadline_id = ANY($1) AND step = 'due'`,
        [ids],
      );
      if (Number(counted[0].n) >= DEADLINES || Date.now() > lastDue + 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late double would show now

    const { rows: outcome } = await pool.query<{ late_ms: number | null; escalations: string; due_fired: number }>(
      `SELECT extract(epoch FROM (min(n.created_at) - d.due_at)) * 1000 AS late_ms, count(n.*) AS escalations,
              (SELECT count(*) FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id AND s.step = 'due')::int
                AS due_fired
       FROM deadlines d LEFT JOIN notifications n ON n.deadline_id = d.deadline_id AND n.step = 'due'
       WHERE d.deadline_id = ANY($1) GROUP BY d.deadline_id`,
      [ids],
    );
    const lateness = outcome
      .filter((r) => r.late_ms !== null)
      .map((r) => Number(r.late_ms))
      .sort((a, b) => a - b);
    const result: DeadlineBenchResult = {
      deadlines: DEADLINES,
      windowSeconds: WINDOW_SECONDS,
      scheduleSeconds,
      fired: lateness.length,
      missed: outcome.filter((r) => Number(r.escalations) === 0).length,
      doubled: outcome.filter((r) => Number(r.escalations) > 1 || r.due_fired > 1).length,
      lateP50Ms: percentile(lateness, 50),
      lateP99Ms: percentile(lateness, 99),
      lateMaxMs: lateness.length ? lateness[lateness.length - 1] : NaN,
      earlyCount: lateness.filter((ms) => ms < 0).length,
    };
    writeResult('deadlines', result);
    const ok = result.lateP99Ms < 1000 && result.missed === 0 && result.doubled === 0;
    print();
    print('=== deadlines bench ===');
    print(
      `${result.deadlines} deadlines due within ${WINDOW_SECONDS} s (scheduled in ${fmt(scheduleSeconds, 2)} s): ` +
        `lateness p50 ${fmt(result.lateP50Ms, 1)} p99 ${fmt(result.lateP99Ms, 1)} max ${fmt(result.lateMaxMs, 1)} ms; ` +
        `missed ${result.missed}, doubled ${result.doubled}, early ${result.earlyCount}`,
    );
    print(`target: p99 < 1000 ms, none missed, none doubled: ${ok ? 'met' : 'MISSED'}`);
  } finally {
    await app.close();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(DEADLINE_QUEUE, { connection: redis, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await redis.quit();
    await pool.end();
  }
}

main().catch((error) => {
  log(`deadlines bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
