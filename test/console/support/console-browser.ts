import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/test-app';
import { runId } from '../../support/test-environment';
import { CHROMIUM_PATH } from './chromium';

const ROOT = resolve(__dirname, '../../..');
export const OUTPUT = join(ROOT, 'test-output');
export const SCREENSHOTS = join(OUTPUT, 'screenshots');

/** Why the browser tests cannot run here, or null when they can (printed, never silently skipped). */
export function browserUnavailable(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium at ${CHROMIUM_PATH} (install Debian's package: apt-get install chromium; scripts/test.sh does so as root)`;
}

/**
 * Builds the console once per test run into test-output/console-<run> (the source as it is now,
 * not a stale dist/web); test files running at once wait for the first one's build.
 */
export async function buildConsole(): Promise<string> {
  const outDir = join(OUTPUT, `console-${runId()}`);
  const done = join(outDir, '.built');
  mkdirSync(OUTPUT, { recursive: true });
  let builder = false;
  try {
    mkdirSync(`${outDir}.lock`);
    builder = true;
  } catch {
    // Another test file builds it.
  }
  if (builder) {
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/web/vite.config.ts',
        '--outDir',
        outDir,
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT },
    );
    writeFileSync(done, 'built');
  }
  for (let waited = 0; !existsSync(done); waited += 250) {
    if (waited > 180_000) throw new Error('the console build did not finish');
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  return outDir;
}

export interface ConsoleServer {
  app: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real API with its worker on a database of its own, listening on a free port, serving the console. */
export async function startConsoleServer(consoleDir: string, env: Record<string, string> = {}): Promise<ConsoleServer> {
  const app = await startTestApp({ DEMO_SIGN_IN: 'true', CONSOLE_DIR: consoleDir, RATE_LIMIT_PER_MINUTE: '0', ...env });
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

export interface RecordedCommand {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  ifMatch: string | undefined;
  body: string | null;
  /** The API's answer's global position (`position`), to read the write back with `?minPosition`. */
  position: Promise<string | undefined>;
}

/** A signed-in person's browser context; it records every command (POST) the console sends. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  demoUser: string,
  options: { phone?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; commands: RecordedCommand[] }> {
  const context = await browser.newContext({
    ...(options.phone ? PHONE : DESKTOP),
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Europe/Berlin', // not the country's: the console must show Baku time anyway
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const commands: RecordedCommand[] = [];
  page.on('request', (request: Request) => {
    if (request.method() !== 'POST') return;
    const url = new URL(request.url());
    if (url.pathname.startsWith('/auth/')) return;
    const headers = request.headers();
    commands.push({
      method: request.method(),
      path: url.pathname,
      idempotencyKey: headers['idempotency-key'],
      ifMatch: headers['if-match'],
      body: request.postData(),
      position: request
        .response()
        .then((response) => response?.json())
        .then((answer: { position?: string } | undefined) => answer?.position)
        .catch(() => undefined),
    });
  });
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: new RegExp(demoUserLabel(demoUser)) }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { context, page, commands };
}

/** The role's name as the sign-in page shows it in English. */
function demoUserLabel(demoUser: string): string {
  const labels: Record<string, string> = {
    firstResponder: 'First responder',
    competentAuthority: 'Competent authority',
    coordinator: 'Coordinator',
    shelterStaff: 'Shelter staff',
    caseWorker: 'Case worker',
    analyst: 'Analyst',
    supervisor: 'Supervisor',
  };
  return labels[demoUser];
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Runs in the page: globalThis is its window (the tests' tsconfig has no DOM types).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE_SOURCE() });
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Saves the page under test-output/screenshots and checks it with axe-core: no serious or critical violation. */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
}

/** The country's wall clock (Asia/Baku, UTC+4 all year) as a datetime-local value, `hoursAgo` before now. */
export function bakuInputValue(hoursAgo: number): string {
  return new Date(Date.now() - hoursAgo * 3_600_000 + 4 * 3_600_000).toISOString().slice(0, 16);
}

/** Asks again until `check` holds (the worker acts asynchronously), at most `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > giveUpAt) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
}
