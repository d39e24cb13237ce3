import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { coordinator, signToken } from '../support/tokens';
import {
  bakuInputValue,
  browserUnavailable,
  buildConsole,
  checkPage,
  eventually,
  type ConsoleServer,
  launchChromium,
  openConsole,
  type RecordedCommand,
  startConsoleServer,
} from './support/console-browser';

const unavailable = browserUnavailable();
if (unavailable) process.stderr.write(`\nSKIPPED console browser journeys: ${unavailable}\n\n`);
const describeInBrowser = unavailable ? describe.skip : describe;

/** Every command the console sent carries an Idempotency-Key; those on a case also the If-Match it read. */
function expectSafeCommands(commands: RecordedCommand[]): void {
  expect(commands.length).toBeGreaterThan(0);
  for (const command of commands) {
    expect(command.idempotencyKey).toMatch(/^[0-9a-f-]{32,36}$/);
    if (/^\/(cases\/[^/]+\/.+|placements\/.+)$/.test(command.path)) expect(command.ifMatch).toMatch(/^"\d+"$/);
  }
}

async function caseLinkOnBoard(page: Page, caseNumber: string) {
  return page.getByRole('row').filter({ hasText: caseNumber });
}

describeInBrowser('the console in a real browser (journeys)', () => {
  jest.setTimeout(180_000);
  let server: ConsoleServer;
  let browser: Browser;
  let coordinatorToken: string;
  let caseId: string;
  let caseNumber: string;
  const api = () => request(server.app.http);

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    server = await startConsoleServer(consoleDir);
    browser = await launchChromium();
    coordinatorToken = await signToken(coordinator());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('journey 1: an officer on a phone refers a person found 25 hours ago; the coordinator sees it overdue, refers it; status granted; reflection period started', async () => {
    // The officer, on a 360 px phone.
    const officer = await openConsole(browser, server.baseUrl, 'firstResponder', { phone: true });
    const form = officer.page;
    await form.getByRole('heading', { name: 'New referral' }).waitFor();
    await form.getByRole('checkbox').first().waitFor();
    await checkPage(form, '01-officer-referral-form-phone');
    await form.getByLabel('Given name').fill('Aysel');
    await form.getByLabel('Family name').fill('Məmmədova');
    await form.getByLabel('Estimated age (years)').fill('15');
    await form.getByTestId('child-path').waitFor();
    await form.getByLabel('Estimated age (years)').fill('29');
    await expect(form.getByTestId('child-path').count()).resolves.toBe(0);
    await form.getByLabel('Sex', { exact: true }).selectOption('female');
    await form.getByLabel('Citizenship', { exact: true }).fill('UZ');
    await form.getByLabel('Identified at (Asia/Baku)').fill(bakuInputValue(25));
    await form.getByLabel('Place', { exact: true }).fill('Bakı Dəniz Limanı');
    await form.getByLabel('Labour exploitation', { exact: true }).check();
    await form.getByLabel(/Identity documents are held by someone else/).check();
    await form.getByLabel('Medical care', { exact: true }).check();
    await form.getByLabel(/agrees to be referred/).check();
    // A double click sends at most one request at a time, and any resend carries the same key.
    await form.getByRole('button', { name: 'Send referral' }).dblclick();
    caseNumber = (await form.getByTestId('case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^NRM-\d{4}-\d{6}$/);
    await expect(form.getByTestId('hand-over-due').textContent()).resolves.toMatch(/GMT\+4/);
    await form.getByText('Overdue').first().waitFor();
    await checkPage(form, '02-officer-referral-sent-phone');
    const opened = officer.commands.filter((command) => command.path === '/cases');
    expect(new Set(opened.map((command) => command.idempotencyKey)).size).toBe(1);
    const cases = await api().get('/cases').set('Authorization', `Bearer ${coordinatorToken}`).expect(200);
    expect(cases.body.total).toBe(1);
    caseId = cases.body.items[0].id;
    // The officer's own cases.
    await form.getByRole('link', { name: "My organisation's cases" }).click();
    await form.getByRole('link', { name: caseNumber }).waitFor();
    await checkPage(form, '03-officer-my-cases-phone');
    expectSafeCommands(officer.commands);
    await officer.context.close();

    // The coordinator: overdue at the top of the board, and in the inbox.
    const coordinatorConsole = await openConsole(browser, server.baseUrl, 'coordinator');
    const board = coordinatorConsole.page;
    await board.getByRole('heading', { name: 'Deadline board' }).waitFor();
    const firstRow = board.locator('table.board tbody tr').first();
    await expect(firstRow.textContent()).resolves.toContain(caseNumber);
    await expect(firstRow.textContent()).resolves.toContain('Overdue');
    await checkPage(board, '04-coordinator-deadline-board');
    // The worker escalates the missed hand-over: wait for it to reach the inbox.
    await board.getByRole('link', { name: /^Inbox/ }).click();
    await eventually(async () => {
      await board.reload();
      await board.getByRole('heading', { name: /^Inbox/ }).waitFor();
      return (await board.locator('.inbox li').filter({ hasText: caseNumber }).count()) > 0;
    });
    await expect(board.getByRole('link', { name: /^Inbox/ }).locator('.badge').textContent()).resolves.toMatch(/^[1-9]\d*$/);
    await checkPage(board, '05-coordinator-inbox');
    await board.getByRole('link', { name: 'Deadlines' }).click();
    await (await caseLinkOnBoard(board, caseNumber)).getByRole('link', { name: caseNumber }).click();
    await board.getByRole('heading', { name: `Case ${caseNumber}` }).waitFor();
    await board.getByRole('heading', { name: 'Access log' }).waitFor();
    await checkPage(board, '06-coordinator-case-page');
    await board.getByRole('button', { name: 'Refer to the competent authority' }).click();
    await board.getByText('Done: Refer to the competent authority.').waitFor();
    await board.getByTestId('stage').filter({ hasText: /^Referral$/ }).waitFor();
    expectSafeCommands(coordinatorConsole.commands);

    // The competent authority decides.
    const authority = await openConsole(browser, server.baseUrl, 'competentAuthority');
    await authority.page.getByRole('link', { name: 'Awaiting decision' }).click();
    await authority.page.getByRole('heading', { name: 'Cases awaiting a status decision' }).waitFor();
    await checkPage(authority.page, '07-authority-awaiting-decision');
    await authority.page.getByRole('link', { name: caseNumber }).click();
    const decision = authority.page.getByRole('form', { name: 'Decide victim status' });
    await decision.getByLabel('Decision number').fill('123/2026');
    await checkPage(authority.page, '08-authority-decision-form');
    await decision.getByRole('button', { name: 'Decide victim status' }).click();
    await authority.page.getByText('Done: Decide victim status.').waitFor();
    await authority.page.getByTestId('status').filter({ hasText: /^Victim$/ }).waitFor();
    expectSafeCommands(authority.commands);
    await authority.context.close();

    // The coordinator starts the reflection period on what they see after reloading.
    await board.reload();
    await board.getByRole('button', { name: 'Start the reflection period' }).click();
    await board.getByText('Done: Start the reflection period.').waitFor();
    await board.getByTestId('stage').filter({ hasText: /^Reflection period$/ }).waitFor();
    await checkPage(board, '09-coordinator-reflection-period');
    expectSafeCommands(coordinatorConsole.commands);
    const timeline = await api().get(`/cases/${caseId}/timeline`).set('Authorization', `Bearer ${coordinatorToken}`).expect(200);
    expect(timeline.body.entries.map((entry: { event: string }) => entry.event)).toEqual([
      'CaseOpened',
      'CaseReferred',
      'VictimStatusGranted',
      'ReflectionPeriodStarted',
    ]);
    await coordinatorConsole.context.close();
  });
});
