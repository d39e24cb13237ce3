import { randomInt } from 'node:crypto';
/**
 * Helpers shared by the benchmarks (bench/*.bench.ts). Run with
 * `npx ts-node -T -r tsconfig-paths/register`; `scripts/bench.sh` drives them.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { EventMetadata } from '@nrm/event-store';
import { validCase } from '../test/support/case-bodies';

/** Progress lines go to stderr; only the final summary goes to stdout. */
export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

export const resultsDir = (): string => requireEnv('BENCH_RESULTS_DIR');

export function writeResult(name: string, value: unknown): void {
  writeFileSync(join(resultsDir(), `${name}.json`), JSON.stringify(value, null, 2));
}

export function readResult<T>(name: string): T | null {
  try {
    return JSON.parse(readFileSync(join(resultsDir(), `${name}.json`), 'utf8')) as T;
  } catch {
    return null;
  }
}

export const CONCURRENCIES = [1, 8, 32] as const;

/** Seconds per measured step (BENCH_SECONDS, default 10). */
export const stepSeconds = (): number => Number(process.env.BENCH_SECONDS ?? 10);

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across worker threads. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Whole-machine CPU time from /proc/stat, to tell how busy the cores were during a step. */
export interface CpuSnapshot {
  busy: number;
  total: number;
}

export function machineCpu(): CpuSnapshot {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Share of all cores busy between two snapshots, in percent. */
export function busyPercent(from: CpuSnapshot, to: CpuSnapshot): number {
  const total = to.total - from.total;
  return total > 0 ? (100 * (to.busy - from.busy)) / total : NaN;
}

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat; with its ended children's
 * (those it has waited for) when asked.
 */
export function processCpuSeconds(pid: number, { withEndedChildren = false } = {}): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    // utime, stime, cutime, cstime, in clock ticks (USER_HZ=100)
    const ticks = fields[11] + fields[12] + (withEndedChildren ? fields[13] + fields[14] : 0);
    return ticks / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds used by the PostgreSQL server: its processes alive now, and those that ended (the
 * server's main process counts its ended children's, cutime and cstime, once it has reaped them).
 */
export function postgresCpuSeconds(): number {
  let seconds = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const used = processCpuSeconds(Number(entry), { withEndedChildren: true });
      if (Number.isFinite(used)) seconds += used;
    } catch {
      // ended meanwhile
    }
  }
  return seconds;
}

/** Resident set size of a process in MB (VmRSS), or NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The body of a valid POST /cases, as the end-to-end tests send it, but of another person each time
 * (a random family name) and identified an hour ago: the usual opening. The same person every time
 * would measure the duplicate-person path instead, where openings of one person wait
 * for each other (the per-person lock) and each raises an alert.
 */
export function openCaseBody(): ReturnType<typeof validCase> {
  const body = validCase();
  body.person.familyName = Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
  // Identified an hour ago, as an intake is: the tests' fixed day lies weeks back, which made every
  // case's deadlines overdue at once, and the worker escalate each (a notification per case).
  body.identification.identifiedAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  return body;
}

/** Event data shaped like the CaseOpened event the API appends for that body. */
export function caseOpenedData(): Record<string, unknown> {
  const { indicatorCodes, ...details } = openCaseBody();
  return {
    caseId: randomUUID(),
    caseNumber: 'NRM-2026-000001',
    personId: randomUUID(),
    ...details,
    indicators: { catalogueVersion: '2026.1', codes: indicatorCodes },
    isChild: false,
    ageAtIdentification: 27,
    organisationId: 'police-baku',
    openedAt: '2026-11-20T10:30:00.000Z',
  };
}

export function eventMetadata(): EventMetadata {
  return {
    actorId: 'officer-1',
    actorName: 'Officer officer-1',
    organisationId: 'police-baku',
    organisationType: 'police',
    correlationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  };
}

export const fmt = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** A TCP port free on 127.0.0.1 now (for a process started next). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}
