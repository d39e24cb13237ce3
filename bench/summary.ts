/** Prints the figures table from the results the benchmarks wrote (BENCH_RESULTS_DIR). Exit 0. */
import type { StoreStep } from './event-store.bench';
import type { HttpStep, IdleResult, LagResult } from './http.bench';
import { cpus } from 'node:os';
import { CONCURRENCIES, fmt, print, readResult } from './lib';

const store = readResult<StoreStep[]>('store') ?? [];
const httpSteps = readResult<HttpStep[]>('http') ?? [];
const lags = readResult<LagResult[]>('lag') ?? [];
const lag = lags.find((l) => l.targetRate === 500) ?? lags[0];
const idle = readResult<IdleResult>('idle');

const rows: [string, string, string, string][] = [];
const verdict = (ok: boolean | null): string => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');
const known = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);

for (const c of CONCURRENCIES) {
  const s = store.find((x) => x.concurrency === c);
  rows.push([
    `store appends/s c=${c}`,
    s ? `${fmt(s.appendsPerSecond)} vs pgbench ${fmt(s.pgbenchTps)} = ${fmt(s.ratio, 2)}` : 'not run',
    'ratio >= 0.80',
    verdict(s && known(s.ratio) ? s.ratio >= 0.8 : null),
  ]);
}
for (const c of CONCURRENCIES) {
  const h = httpSteps.find((x) => x.concurrency === c);
  const pg = store.find((x) => x.concurrency === c)?.pgbenchTps;
  const ratio = h && known(pg) ? h.commandsPerSecond / pg : NaN;
  rows.push([
    `HTTP POST /cases c=${c}`,
    h
      ? `${fmt(h.commandsPerSecond)}/s p50 ${fmt(h.p50Ms, 1)} p99 ${fmt(h.p99Ms, 1)} ms non-201 ${h.non201}; /pgbench ${fmt(ratio, 2)}`
      : 'not run',
    c === 32 ? 'ratio >= 0.25' : '-',
    c === 32 ? verdict(Number.isFinite(ratio) ? ratio >= 0.25 : null) : '-',
  ]);
}
const rssLoad = httpSteps.length ? Math.max(...httpSteps.map((h) => h.rssMaxMb)) : NaN;
rows.push([
  'API RSS max, HTTP load',
  httpSteps.length ? `${fmt(rssLoad)} MB` : 'not run',
  '< 200 MB',
  verdict(known(rssLoad) ? rssLoad < 200 : null),
]);
rows.push([
  'idle transactions/s (no traffic)',
  idle ? `${fmt(idle.transactionsPerSecond, 2)}/s (${idle.transactions} in ${fmt(idle.seconds, 1)} s)` : 'not run',
  '<= 5/s',
  verdict(idle ? idle.transactionsPerSecond <= 5 : null),
]);
for (const phase of lags) {
  const target = phase === lag;
  rows.push([
    `lag phase rate (target ${phase.targetRate}/s)`,
    `${fmt(phase.achievedRate)}/s achieved, ${phase.ok} ok, ${phase.non201} non-201`,
    '-',
    '-',
  ]);
  rows.push([
    `projection lag case-summaries at ${phase.targetRate}/s`,
    `p50 ${fmt(phase.lagP50Ms, 1)} p99 ${fmt(phase.lagP99Ms, 1)} max ${fmt(phase.lagMaxMs, 1)} ms, ${phase.notCovered} uncovered`,
    target ? 'p99 < 100 ms' : 'report',
    target ? verdict(known(phase.lagP99Ms) ? phase.lagP99Ms < 100 && phase.notCovered === 0 : null) : '-',
  ]);
  rows.push([
    `API RSS max, lag phase at ${phase.targetRate}/s`,
    `${fmt(phase.rssMaxMb)} MB`,
    target ? '< 200 MB' : 'report',
    target ? verdict(known(phase.rssMaxMb) ? phase.rssMaxMb < 200 : null) : '-',
  ]);
}
if (!lag) {
  rows.push(['projection lag case-summaries', 'not run', 'p99 < 100 ms', 'n/a']);
}

const busy = (
  xs: { cpuBusyPercent?: number; machineBusyPercent?: number }[],
  key: 'cpuBusyPercent' | 'machineBusyPercent',
) => xs.map((x) => fmt(x[key] ?? NaN)).join('/');
rows.push([
  `machine CPU busy % (${cpus().length} cores)`,
  `store ${busy(store, 'cpuBusyPercent')}, pgbench ${store.map((s) => fmt(s.pgbenchCpuBusyPercent)).join('/')}, ` +
    `HTTP ${busy(httpSteps, 'machineBusyPercent')}, lag ${fmt(lag?.machineBusyPercent ?? NaN)}`,
  '-',
  '-',
]);

const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target', 'result'][i].length),
);
const line = (r: readonly string[]) =>
  r
    .map((cell, i) => cell.padEnd(widths[i]))
    .join(' | ')
    .trimEnd();
print();
print('=== nrm bench summary ===');
print(line(['figure', 'value', 'target', 'result']));
print(widths.map((w) => '-'.repeat(w)).join('-+-'));
for (const r of rows) print(line(r));
