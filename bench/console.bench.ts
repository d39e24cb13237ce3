/**
 * The console's figures (`npm run bench`, after the build): the JavaScript of the first load,
 * gzipped (budget 250 kB), and the time for the deadline board with 1,000 open deadlines to render
 * in headless Chromium (budget 1 s). Makes a database of its own next to DATABASE_URL's (dropped at
 * the end), starts the built API on it and opens 1,000 cases through it, each with its hand-over deadline.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { runMigrations } from '@nrm/platform';
import { DEMO_USERS } from '../apps/api/src/console/demo-users';
import { CHROMIUM_PATH, launchChromium } from '../test/console/support/chromium';
import { validCase } from '../test/support/case-bodies';
import { freePort, log, percentile, print, requireEnv, writeResult } from './lib';

const ROOT = resolve(__dirname, '..');
const CONSOLE_DIR = join(ROOT, 'dist/web');
const OPEN_DEADLINES = 1_000;
const BOARD_RUNS = 5;
const FIRST_LOAD_BUDGET_KB = 250;
const BOARD_BUDGET_MS = 1_000;

/** index.html's scripts and module preloads (not the chunks loaded later, e.g. the OIDC client). */
function firstLoadJavaScriptGzipBytes(): { files: string[]; bytes: number } {
  const html = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(CONSOLE_DIR, file)), { level: 9 }).length,
    0,
  );
  return { files, bytes };
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error('dist/web is missing: npm run build');
  const firstLoad = firstLoadJavaScriptGzipBytes();
  const firstLoadKb = firstLoad.bytes / 1000;
  log(`console first load: ${firstLoad.files.join(', ')}: ${firstLoadKb.toFixed(1)} kB gzipped`);

  if (!existsSync(CHROMIUM_PATH)) {
    print(`console first-load JavaScript (gzip): ${firstLoadKb.toFixed(1)} kB (budget ${FIRST_LOAD_BUDGET_KB} kB)`);
    print(`console board render: not measured, no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
    return;
  }

  const benchUrl = new URL(requireEnv('DATABASE_URL'));
  const database = `${benchUrl.pathname.slice(1)}_console`;
  const serverUrl = new URL(benchUrl);
  serverUrl.pathname = '/postgres';
  const onServer = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl.toString() });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  const consoleUrl = new URL(benchUrl);
  consoleUrl.pathname = `/${database}`;
  await onServer(`CREATE DATABASE "${database}"`);
  try {
    await runMigrations(consoleUrl.toString());
    await measureBoard(consoleUrl.toString(), firstLoadKb);
  } finally {
    await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

async function measureBoard(databaseUrl: string, firstLoadKb: number): Promise<void> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js', '--with-worker'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'nrm'}-console`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      CONSOLE_DIR,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUntil(async () => (await fetch(`${baseUrl}/health`)).ok, 'the API');
    const sign = (claims: object) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(requireEnv('AUTH_JWT_SECRET')));
    const officer = await sign(DEMO_USERS.firstResponder);
    const coordinator = await sign(DEMO_USERS.coordinator);

    log(`opening ${OPEN_DEADLINES} cases (one hand-over deadline each)`);
    let next = 0;
    const openCases = async () => {
      while (next < OPEN_DEADLINES) {
        next += 1;
        // Identified now: the deadlines are open and not yet due (no escalations meanwhile).
        const body = {
          ...validCase(),
          identification: { ...validCase().identification, identifiedAt: new Date().toISOString() },
        };
        const response = await fetch(`${baseUrl}/cases`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${officer}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`POST /cases answered ${response.status}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, openCases));
    await waitUntil(async () => {
      const response = await fetch(`${baseUrl}/deadlines?pageSize=1`, {
        headers: { Authorization: `Bearer ${coordinator}` },
      });
      return ((await response.json()) as { total: number }).total >= OPEN_DEADLINES;
    }, 'the deadline board to hold every deadline');

    const browser = await launchChromium();
    const timings: number[] = [];
    const dataArrived: number[] = [];
    try {
      for (let run = 0; run < BOARD_RUNS; run += 1) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
        // Scripts as text: they run in the page (this tsconfig has no DOM types).
        await context.addInitScript(`sessionStorage.setItem('nrm.console.token', ${JSON.stringify(coordinator)})`);
        const page = await context.newPage();
        await page.goto(`${baseUrl}/#/board`);
        // From navigation start to the 1,000th row in the DOM (a cold page each run: load, fetch, render).
        await page.waitForFunction(
          `document.querySelectorAll('table.board tbody tr').length >= ${OPEN_DEADLINES}`,
          null,
          {
            timeout: 60_000,
            polling: 'raf',
          },
        );
        timings.push(await page.evaluate(() => performance.now()));
        // Where the time goes: when the last page of deadlines had arrived (resource timing).
        dataArrived.push(
          await page.evaluate(
            `Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.includes('/deadlines')).map((e) => e.responseEnd))`,
          ),
        );
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    const arrivedMedian = percentile(
      [...dataArrived].sort((a, b) => a - b),
      50,
    );
    writeResult('console', { firstLoadKb, boardRenderMs: sorted, deadlinesArrivedMs: dataArrived });
    print(
      `console first-load JavaScript (gzip): ${firstLoadKb.toFixed(1)} kB (budget ${FIRST_LOAD_BUDGET_KB} kB) ${firstLoadKb <= FIRST_LOAD_BUDGET_KB ? 'met' : 'MISSED'}`,
    );
    print(
      `console board, ${OPEN_DEADLINES} open deadlines, navigation to last row: median ${median.toFixed(0)} ms of ${BOARD_RUNS} (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}; budget ${BOARD_BUDGET_MS} ms) ${median <= BOARD_BUDGET_MS ? 'met' : 'MISSED'}`,
    );
    print(
      `  of which waiting for GET /deadlines (10 pages of 100): last page in at median ${arrivedMedian.toFixed(0)} ms`,
    );
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolveExit) => api.once('exit', resolveExit));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`console bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
