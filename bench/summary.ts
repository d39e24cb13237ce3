/** Prints the figures table from the results the benchmarks wrote (BENCH_RESULTS_DIR). Exit 0. */
import type { StoreStep } from './event-store.bench';
import type { HttpStep, LagResult } from './http.bench';
import { cpus } from 'node:os';
import { CONCURRENCIES, fmt, print, readResult } from './lib';

const store = readResult<StoreStep[]>('store') ?? [];
const httpSteps = readResult<HttpStep[]>('http') ?? [];
const lag = readResult<LagResult>('lag');

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
if (lag) {
  rows.push([
    `lag phase rate (target ${lag.targetRate}/s)`,
    `${fmt(lag.achievedRate)}/s achieved, ${lag.ok} ok, ${lag.non201} non-201`,
    '-',
    '-',
  ]);
  rows.push([
    'projection lag case-summaries',
    `p50 ${fmt(lag.lagP50Ms, 1)} p99 ${fmt(lag.lagP99Ms, 1)} max ${fmt(lag.lagMaxMs, 1)} ms, ${lag.notCovered} uncovered`,
    'p99 < 100 ms',
    verdict(known(lag.lagP99Ms) ? lag.lagP99Ms < 100 && lag.notCovered === 0 : null),
  ]);
  rows.push([
    'API RSS max, lag phase',
    `${fmt(lag.rssMaxMb)} MB`,
    '< 200 MB',
    verdict(known(lag.rssMaxMb) ? lag.rssMaxMb < 200 : null),
  ]);
} else {
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
