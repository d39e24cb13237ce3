import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { validCase } from '../support/case-bodies';
import { queryRows } from '../support/events';
import { competentAuthority, coordinator, responder, signToken } from '../support/tokens';
import {
  bakuInputValue,
  browserUnavailable,
  buildConsole,
  checkPage,
  eventually,
  type ConsoleServer,
  openConsole,
  type RecordedCommand,
  startConsoleServer,
} from './support/console-browser';
import { launchChromium } from './support/chromium';

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
  /** A case's timeline entries as the coordinator reads them through the API (caught up with `position` when given). */
  async function timelineOf(caseId: string, position?: string): Promise<{ event: string; summary: string }[]> {
    const caughtUp = position === undefined ? '' : `?minPosition=${position}`;
    const timeline = await api()
      .get(`/cases/${caseId}/timeline${caughtUp}`)
      .set('Authorization', `Bearer ${coordinatorToken}`)
      .expect(200);
    return timeline.body.entries;
  }
  /** The case as the coordinator reads it once the read side has `position`. */
  async function caseAt(caseId: string, position: string): Promise<{ caseNumber: string }> {
    const read = await api()
      .get(`/cases/${caseId}?minPosition=${position}`)
      .set('Authorization', `Bearer ${coordinatorToken}`)
      .expect(200);
    return read.body;
  }
  /** Opens a case through the API, not the console, and waits until the read side has it, as the console would. */
  async function openCaseThroughApi(token: string, body: object = validCase()) {
    const opened = await api().post('/cases').set('Authorization', `Bearer ${token}`).send(body).expect(201);
    const caseId: string = opened.body.caseId;
    return { caseId, caseNumber: (await caseAt(caseId, opened.body.position)).caseNumber };
  }

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
    // Sent empty: the problem's field errors appear beside their fields, and nothing is recorded.
    await form.getByRole('button', { name: 'Send referral' }).click();
    await form.getByRole('alert').filter({ hasText: 'Some fields need correcting' }).waitFor();
    await expect(form.getByLabel('Given name').getAttribute('aria-invalid')).resolves.toBe('true');
    const givenNameField = form.locator('.field', { has: form.getByLabel('Given name') });
    await expect(givenNameField.locator('.field-error').textContent()).resolves.toMatch(/givenName/);
    await checkPage(form, '01b-officer-referral-field-errors-phone');
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
    const opened = officer.commands.filter((command) => command.path === '/cases' && command.body?.includes('Aysel'));
    expect(opened.length).toBeGreaterThan(0);
    expect(new Set(opened.map((command) => command.idempotencyKey)).size).toBe(1);
    const openedAt = await opened[0].position;
    const cases = await api()
      .get(`/cases?minPosition=${openedAt}`)
      .set('Authorization', `Bearer ${coordinatorToken}`)
      .expect(200);
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
    await expect(
      board
        .getByRole('link', { name: /^Inbox/ })
        .locator('.badge')
        .textContent(),
    ).resolves.toMatch(/^[1-9]\d*$/);
    await checkPage(board, '05-coordinator-inbox');
    await board.getByRole('link', { name: 'Deadlines' }).click();
    await (await caseLinkOnBoard(board, caseNumber)).getByRole('link', { name: caseNumber }).click();
    await board.getByRole('heading', { name: `Case ${caseNumber}` }).waitFor();
    await board.getByRole('heading', { name: 'Access log' }).waitFor();
    await checkPage(board, '06-coordinator-case-page');
    await board.getByRole('button', { name: 'Refer to the competent authority' }).click();
    await board.getByText('Done: Refer to the competent authority.').waitFor();
    await board
      .getByTestId('stage')
      .filter({ hasText: /^Referral$/ })
      .waitFor();
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
    await authority.page
      .getByTestId('status')
      .filter({ hasText: /^Victim$/ })
      .waitFor();
    expectSafeCommands(authority.commands);
    await authority.context.close();

    // The coordinator starts the reflection period on what they see after reloading.
    await board.reload();
    await board.getByRole('button', { name: 'Start the reflection period' }).click();
    await board.getByText('Done: Start the reflection period.').waitFor();
    await board
      .getByTestId('stage')
      .filter({ hasText: /^Reflection period$/ })
      .waitFor();
    await checkPage(board, '09-coordinator-reflection-period');
    expectSafeCommands(coordinatorConsole.commands);
    const started = await coordinatorConsole.commands.at(-1)!.position;
    expect((await timelineOf(caseId, started)).map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'CaseReferred',
      'VictimStatusGranted',
      'ReflectionPeriodStarted',
    ]);
    await coordinatorConsole.context.close();
  });

  it('journey 2: a shelter worker accepts the placement and checks the person in; the case page shows it', async () => {
    const registered = await api()
      .post('/shelters')
      .set('Authorization', `Bearer ${coordinatorToken}`)
      .send({
        name: 'Demo shelter (Baku)',
        operatorOrgId: 'assistance-centre-baku',
        region: 'Bakı',
        beds: 2,
        accepts: ['women'],
      })
      .expect(201);
    // Registered through the API, not the console: the shelter picker lists it once the read side has it.
    await api()
      .get(`/shelters?minPosition=${registered.body.position}`)
      .set('Authorization', `Bearer ${coordinatorToken}`)
      .expect(200);
    const coordinatorConsole = await openConsole(browser, server.baseUrl, 'coordinator');
    const casePage = coordinatorConsole.page;
    await casePage.goto(`${server.baseUrl}/#/cases/${caseId}`);
    const placement = casePage.getByRole('form', { name: 'Request a shelter placement' });
    await placement.getByLabel('Shelter').selectOption({ label: 'Demo shelter (Baku) (Bakı) · 2 of 2 beds free' });
    await placement.getByLabel('Needs').fill('medical-care');
    await placement.getByRole('button', { name: 'Request a shelter placement' }).click();
    await casePage.getByText('Done: Request a shelter placement.').waitFor();

    const shelterConsole = await openConsole(browser, server.baseUrl, 'shelterStaff');
    const shelter = shelterConsole.page;
    await shelter.getByRole('heading', { name: 'My shelters' }).waitFor();
    await shelter
      .getByRole('row')
      .filter({ hasText: '2 of 2 beds free' })
      .getByRole('link', { name: 'Demo shelter (Baku)' })
      .click();
    const requests = shelter.getByRole('region', { name: 'Requests waiting for an answer' });
    await requests.getByRole('button', { name: 'Accept' }).waitFor();
    await checkPage(shelter, '10-shelter-requests');
    await requests.getByRole('button', { name: 'Accept' }).click();
    await shelter.getByText('Done: Accept.').waitFor();
    const arriving = shelter.getByRole('region', { name: 'Accepted, not yet arrived' });
    await arriving.getByRole('button', { name: 'Check in' }).click();
    await shelter.getByText('Done: Check in.').waitFor();
    const residents = shelter.getByRole('region', { name: 'Residents' });
    await residents.getByRole('button', { name: 'Check out' }).waitFor();
    await shelter.getByText('1 of 2 beds free').waitFor();
    await checkPage(shelter, '11-shelter-residents');
    // The care view: no timeline, no narrative.
    await residents.getByRole('link', { name: 'Care view of the case' }).click();
    await shelter.getByRole('heading', { name: `Case ${caseNumber}` }).waitFor();
    expect(await shelter.getByRole('heading', { name: 'Timeline' }).count()).toBe(0);
    await checkPage(shelter, '12-shelter-care-view');
    expectSafeCommands(shelterConsole.commands);
    expect(shelterConsole.commands.map((command) => command.path.split('/').pop())).toEqual(['accept', 'check-in']);
    await shelterConsole.context.close();

    await casePage.reload();
    await casePage.getByText(/Checked in at shelter Demo shelter \(Baku\)/).waitFor();
    await checkPage(casePage, '13-coordinator-case-page-checked-in');
    expectSafeCommands(coordinatorConsole.commands);
    await coordinatorConsole.context.close();
  });

  it('journey 3: two people edit the same case; the second is told someone else changed it and nothing is overwritten', async () => {
    const first = await openConsole(browser, server.baseUrl, 'coordinator');
    const second = await openConsole(browser, server.baseUrl, 'coordinator');
    for (const { page } of [first, second]) {
      await page.goto(`${server.baseUrl}/#/cases/${caseId}`);
      await page.getByRole('form', { name: 'Extend the reflection period' }).waitFor();
    }
    const extend = async (page: Page, days: string, reason: string) => {
      const form = page.getByRole('form', { name: 'Extend the reflection period' });
      await form.getByLabel('Days').fill(days);
      await form.getByLabel('Reason').fill(reason);
      await form.getByRole('button', { name: 'Extend the reflection period' }).click();
    };
    await extend(first.page, '10', 'Interview with the prosecutor next week');
    await first.page.getByText('Done: Extend the reflection period.').waitFor();
    await extend(second.page, '20', 'Waiting for the medical report');
    await second.page
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed this case after you opened it' })
      .waitFor();
    await checkPage(second.page, '14-conflict-message');
    const [firstSent, secondSent] = [first.commands.at(-1)!, second.commands.at(-1)!];
    expect(secondSent.ifMatch).toBe(firstSent.ifMatch);
    expect(secondSent.idempotencyKey).not.toBe(firstSent.idempotencyKey);
    const extended = await firstSent.position;
    const extensions = (await timelineOf(caseId, extended)).filter(
      (entry) => entry.event === 'ReflectionPeriodExtended',
    );
    expect(extensions).toHaveLength(1);
    expect(extensions[0].summary).toContain('extended by 10 days');
    // Reload shows the other person's change, and the form can be sent again on it.
    await second.page.getByRole('button', { name: 'Reload' }).click();
    await second.page.getByText(/Reflection period extended by 10 days/).waitFor();
    expectSafeCommands([...first.commands, ...second.commands]);
    await first.context.close();
    await second.context.close();
  });

  it('journey 4: the analyst sees a chart per dimension with suppressed cells and downloads the CSV', async () => {
    const officerToken = await signToken(responder());
    const bodies = [
      ...Array.from({ length: 11 }, () => validCase()),
      ...Array.from({ length: 11 }, () => ({ ...validCase(), person: { ...validCase().person, sex: 'male' } })),
    ];
    for (const body of bodies) {
      await api().post('/cases').set('Authorization', `Bearer ${officerToken}`).send(body).expect(201);
    }
    await eventually(async () => {
      const statistics = await api().get('/statistics').set('Authorization', `Bearer ${coordinatorToken}`);
      return statistics.body.total === 23;
    });
    const analyst = await openConsole(browser, server.baseUrl, 'analyst');
    const page = analyst.page;
    await page.getByRole('heading', { name: 'Statistics' }).waitFor();
    const sex = page.locator('figure', { has: page.getByText('Sex', { exact: true }) });
    // 12 women (with the journeys' case) and 11 men: both shown; the smaller groups elsewhere suppressed.
    await expect(sex.locator('svg').textContent()).resolves.toMatch(/Female12.*Male11/);
    expect(await page.locator('svg rect[data-suppressed="true"]').count()).toBeGreaterThan(0);
    await checkPage(page, '15-analyst-statistics');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('nrm-statistics.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/,/);
    expect(csv).toContain('<11');
    // Every text switches language: Azerbaijani, then Russian.
    await page.getByLabel('Language').selectOption('az');
    await page.getByRole('heading', { name: 'Statistika' }).waitFor();
    await page.getByRole('button', { name: 'CSV yüklə' }).waitFor();
    await checkPage(page, '16-analyst-statistics-az');
    await page.getByLabel('Dil').selectOption('ru');
    await page.getByRole('heading', { name: 'Статистика' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await checkPage(page, '17-analyst-statistics-ru');
    await analyst.context.close();
  });
  it('journey 5: the coordinator runs a reintegration plan and a voluntary repatriation from the case page alone', async () => {
    const { caseId: returningCase } = await openCaseThroughApi(await signToken(responder()));
    const coordinatorConsole = await openConsole(browser, server.baseUrl, 'coordinator');
    const page = coordinatorConsole.page;
    await page.goto(`${server.baseUrl}/#/cases/${returningCase}`);
    const send = async (
      title: string,
      fill: (form: ReturnType<Page['getByRole']>) => Promise<void> = async () => {},
    ) => {
      const form = page.getByRole('form', { name: title });
      await fill(form);
      await form.getByRole('button', { name: title }).click();
      await page.getByText(`Done: ${title}.`).waitFor();
    };

    // A plan without a goal: the API's message beside the first goal, nothing recorded.
    const plan = page.getByRole('form', { name: 'Adopt the reintegration plan' });
    await plan.getByRole('button', { name: 'Adopt the reintegration plan' }).click();
    await plan.getByRole('alert').filter({ hasText: 'Some fields need correcting' }).waitFor();
    await expect(plan.getByLabel('Goal: Housing (optional)').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkPage(page, '18-reintegration-plan-needs-a-goal');
    await send('Adopt the reintegration plan', async (form) => {
      await form.getByLabel('Goal: Education (optional)').fill('Return to school for the spring term');
      await form.getByLabel('Goal: Employment (optional)').fill('A paid apprenticeship');
    });
    await page
      .getByTestId('stage')
      .filter({ hasText: /^Reintegration$/ })
      .waitFor();
    const reintegration = page.getByRole('region', { name: 'Reintegration', exact: true });
    await reintegration.getByText('Return to school for the spring term').waitFor();
    // A service is offered only in the plan's goal areas.
    const service = page.getByRole('form', { name: 'Record a service delivered' });
    await expect(service.getByLabel('Goal area').locator('option').allTextContents()).resolves.toEqual([
      'Employment',
      'Education',
    ]);
    await checkPage(page, '19-reintegration-plan-active');
    await send('Record a service delivered', async (form) => {
      await form.getByLabel('Goal area').selectOption({ label: 'Education' });
      await form.getByLabel('Provider (organisation id)').fill('ngo-clean-world');
      await form.getByLabel('Service', { exact: true }).fill('School enrolment and books');
    });
    await send('Record a plan review');
    await reintegration.getByText('On track').waitFor();

    // The repatriation: scheduling is offered only after a risk assessment and travel documents.
    await send('Open a voluntary repatriation', async (form) => {
      await form.getByLabel('Country of return').fill('UZ');
      await form.getByLabel('The person consents to return voluntarily').check();
    });
    await page
      .getByTestId('stage')
      .filter({ hasText: /^Repatriation$/ })
      .waitFor();
    await page.getByRole('form', { name: 'Record the risk assessment' }).waitFor();
    expect(await page.getByRole('form', { name: 'Schedule the travel' }).count()).toBe(0);
    await checkPage(page, '20-repatriation-requested');
    await send('Record the risk assessment', async (form) => {
      await form.getByLabel('Risk level').selectOption({ label: 'Medium' });
      await form.getByLabel('Notes (optional)').fill('Family informed through IOM.');
    });
    await page.getByRole('form', { name: 'Record the travel documents' }).waitFor();
    expect(await page.getByRole('form', { name: 'Schedule the travel' }).count()).toBe(0);
    await send('Record the travel documents', async (form) => {
      await form.getByLabel('Passport').check();
      await form.getByLabel('Issued by').fill('Embassy of Uzbekistan in Baku');
    });
    await page.getByRole('form', { name: 'Schedule the travel' }).waitFor();
    await checkPage(page, '21-repatriation-ready-to-schedule');
    await send('Schedule the travel', (form) =>
      form.getByLabel('Route and escort (optional)').fill('GYD–TAS, escorted by IOM'),
    );
    await send('Record the arrival', (form) =>
      form.getByLabel('Received by (organisation) (optional)').fill('IOM Tashkent'),
    );
    const repatriation = page.getByRole('region', { name: 'Repatriation', exact: true });
    await repatriation.getByText('Completed').first().waitFor();
    await repatriation.getByText('GYD–TAS, escorted by IOM').waitFor();
    expect(await page.getByRole('form', { name: 'Record the risk assessment' }).count()).toBe(0);
    await checkPage(page, '22-repatriation-completed');

    const sent = coordinatorConsole.commands.map((command) => command.path.replace(`/cases/${returningCase}`, ''));
    expect(sent).toEqual([
      '/reintegration-plan',
      '/reintegration-plan',
      '/reintegration/services',
      '/reintegration/reviews',
      '/repatriation',
      '/repatriation/risk-assessment',
      '/repatriation/travel-documents',
      '/repatriation/schedule',
      '/repatriation/complete',
    ]);
    expectSafeCommands(coordinatorConsole.commands);
    expect((await timelineOf(returningCase)).map((entry) => entry.event)).toEqual([
      'CaseOpened',
      'ReintegrationPlanAdopted',
      'ReintegrationServiceDelivered',
      'ReintegrationReviewed',
      'RepatriationRequested',
      'RepatriationRiskAssessed',
      'TravelDocumentsRecorded',
      'RepatriationScheduled',
      'RepatriationCompleted',
    ]);
    await coordinatorConsole.context.close();
  });

  it('journey 6: an officer asks to close a case; the supervisor rejects it with a reason; asked again, approved; the case is closed', async () => {
    const apiOfficer = await signToken(responder('police-baku', 'officer-journey-6'));
    const { caseId: closingCase, caseNumber: number } = await openCaseThroughApi(apiOfficer);

    const officer = await openConsole(browser, server.baseUrl, 'firstResponder');
    const askToClose = async () => {
      await officer.page.goto(`${server.baseUrl}/#/cases/${closingCase}`);
      const form = officer.page.getByRole('form', { name: 'Close the case' });
      await form.getByLabel('Reason').selectOption('lost-contact');
      await form.getByRole('button', { name: 'Close the case' }).click();
      await officer.page
        .getByText('Sent for approval: Close the case is done once a supervisor approves it.')
        .waitFor();
      await officer.page.getByTestId('pending-approvals').waitFor();
    };
    await askToClose();
    await expect(officer.page.getByTestId('stage').textContent()).resolves.not.toBe('Closed');
    await checkPage(officer.page, '21-officer-closure-awaits-approval');

    // The supervisor: the Approvals page is home; rejects with a reason.
    const supervisorConsole = await openConsole(browser, server.baseUrl, 'supervisor');
    const approvals = supervisorConsole.page;
    await approvals.getByRole('heading', { name: 'Waiting for your decision' }).waitFor();
    const pending = approvals.getByTestId('pending-approval').filter({ hasText: number });
    await pending.waitFor();
    await checkPage(approvals, '22-supervisor-approvals');
    await pending.getByRole('button', { name: 'Reject' }).click();
    await pending.getByRole('alert').waitFor();
    await pending.getByLabel('Why it is rejected').fill('Try the consulate before closing');
    await pending.getByRole('button', { name: 'Reject' }).click();
    await approvals.getByTestId('pending-approval').filter({ hasText: number }).waitFor({ state: 'detached' });

    // The officer reads the outcome and asks again.
    await officer.page.goto(`${server.baseUrl}/#/approvals`);
    const asked = officer.page.getByTestId('requested-approval').filter({ hasText: number });
    await asked.filter({ hasText: 'Try the consulate before closing' }).waitFor();
    await expect(asked.getByTestId('approval-status').textContent()).resolves.toBe('Rejected');
    await checkPage(officer.page, '23-officer-approval-rejected');
    await askToClose();

    // Approved: done.
    await approvals.reload();
    const again = approvals.getByTestId('pending-approval').filter({ hasText: number });
    await again.getByRole('button', { name: 'Approve: Closing the case' }).click();
    await again.waitFor({ state: 'detached' });
    await officer.page.goto(`${server.baseUrl}/#/cases/${closingCase}`);
    await eventually(async () => {
      await officer.page.reload();
      return (await officer.page.getByTestId('stage').textContent()) === 'Closed';
    });
    await officer.page.goto(`${server.baseUrl}/#/inbox`);
    await officer.page.locator('.inbox li').filter({ hasText: 'was approved and done' }).first().waitFor();
    expectSafeCommands([...officer.commands, ...supervisorConsole.commands]);
    await officer.context.close();
    await supervisorConsole.context.close();
  });

  it('journey 7: two officers open cases of the same person; the coordinator sees the possible duplicate, links it, and it leaves the pending list; officers never see it', async () => {
    const police = await signToken(responder('police-baku', 'officer-journey-7'));
    const border = await signToken({ ...responder('border-service', 'guard-journey-7'), orgType: 'border' });
    const openFor = async (token: string, givenName: string, familyName: string) => {
      const body = validCase();
      const person = { ...body.person, givenName, familyName, dateOfBirth: '1994-02-17', citizenship: 'AZ' };
      return (await openCaseThroughApi(token, { ...body, person })).caseNumber;
    };
    const first = await openFor(police, 'Gülnarə', 'Həsənova');
    const second = await openFor(border, 'Gulnara', 'Hasanova');

    const coordinatorConsole = await openConsole(browser, server.baseUrl, 'coordinator');
    const page = coordinatorConsole.page;
    await page.getByRole('link', { name: /^Inbox/ }).click();
    const notice = page
      .locator('.inbox li')
      .filter({ hasText: 'Possible duplicate person' })
      .filter({ hasText: second })
      .first();
    await notice.getByRole('link', { name: 'See the possible duplicates' }).click();
    await page.getByRole('heading', { name: 'Possible duplicate persons' }).waitFor();
    const alert = page.getByTestId('possible-duplicate').filter({ hasText: second });
    await alert.getByRole('link', { name: first }).waitFor();
    await expect(alert.getByTestId('duplicate-status').textContent()).resolves.toBe('Waiting for a decision');
    // A dismissal needs its reason: the API's message beside the field, nothing recorded.
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.getByRole('alert').filter({ hasText: 'Some fields need correcting' }).waitFor();
    await expect(
      alert.getByLabel('Why they are not the same person (required)').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await checkPage(page, '24-coordinator-possible-duplicates');
    await alert.getByRole('button', { name: /^Same person — link/ }).click();
    await page.getByTestId('possible-duplicate').filter({ hasText: second }).waitFor({ state: 'detached' });
    const linked = page.getByTestId('resolved-duplicate').filter({ hasText: second });
    await expect(linked.getByTestId('duplicate-status').textContent()).resolves.toBe('Linked as one person');
    await checkPage(page, '25-coordinator-duplicate-linked');
    // Each resolution was sent once, with its own key.
    const resolutions = coordinatorConsole.commands.filter((command) =>
      command.path.startsWith('/possible-duplicates/'),
    );
    expect(resolutions.map((command) => command.path.split('/').pop())).toEqual(['dismiss', 'link']);
    expectSafeCommands(resolutions);
    await coordinatorConsole.context.close();

    // The officer who opened the second case: no such page in the menu, and the inbox says nothing of it.
    const officer = await openConsole(browser, server.baseUrl, 'firstResponder');
    await officer.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New referral' }).waitFor();
    expect(await officer.page.getByRole('link', { name: 'Possible duplicates' }).count()).toBe(0);
    await officer.page.getByRole('link', { name: /^Inbox/ }).click();
    await officer.page.getByRole('heading', { name: /^Inbox/ }).waitFor();
    expect(await officer.page.locator('.inbox li').filter({ hasText: 'Possible duplicate person' }).count()).toBe(0);
    await officer.context.close();
  });

  it('journey 8: the case as recorded before its status decision shows the decision pending and no action; back to now shows it; the history verifies, and an edited event row is named', async () => {
    const officerToken = await signToken(responder());
    const authorityToken = await signToken(competentAuthority());
    const opened = await api()
      .post('/cases')
      .set('Authorization', `Bearer ${officerToken}`)
      .send(validCase())
      .expect(201);
    const decidedCase: string = opened.body.caseId;
    await api()
      .post(`/cases/${decidedCase}/referral`)
      .set('Authorization', `Bearer ${officerToken}`)
      .send({ competentAuthorityOrgId: 'mia-anti-trafficking' })
      .expect(200);
    const decided = await api()
      .post(`/cases/${decidedCase}/status-decision`)
      .set('Authorization', `Bearer ${authorityToken}`)
      .send({ decision: 'granted', decisionNumber: '88/2026', decidedOn: '2026-11-14' })
      .expect(200);
    await caseAt(decidedCase, decided.body.position);

    const coordinatorConsole = await openConsole(browser, server.baseUrl, 'coordinator');
    const page = coordinatorConsole.page;
    await page.goto(`${server.baseUrl}/#/cases/${decidedCase}`);
    await page
      .getByTestId('status')
      .filter({ hasText: /^Victim$/ })
      .waitFor();
    await page.getByRole('heading', { name: 'Actions', exact: true }).waitFor();

    // As recorded right after the referral: the decision was not known yet.
    await page.getByRole('button', { name: 'View as recorded then, right after: Referred' }).click();
    const banner = page.getByTestId('historical-banner');
    await banner.getByText('Historical view as recorded at').waitFor();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Presumed victim$/ })
      .waitFor();
    await page
      .getByTestId('stage')
      .filter({ hasText: /^Referral$/ })
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Actions', exact: true }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Transfer to another organisation' }).count()).toBe(0);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    expect(await timeline.getByText('Victim status granted').count()).toBe(0);
    await checkPage(page, '26-case-as-of-before-decision');

    // Back to now: the decision and the actions again.
    await banner.getByRole('button', { name: 'Back to now' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Victim$/ })
      .waitFor();
    await page.getByRole('heading', { name: 'Actions', exact: true }).waitFor();
    expect(await page.getByTestId('historical-banner').count()).toBe(0);

    // A moment typed in Baku time, an hour before the case was recorded: nothing was recorded then.
    await page.getByLabel('Date and time (Asia/Baku)').fill(`${bakuInputValue(1)}:00`);
    await page.getByRole('button', { name: 'View as of…' }).click();
    await page.getByText('At that moment the case was not yet recorded.').waitFor();
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Victim$/ })
      .waitFor();

    // The history verifies; then an event row edited with SQL is named, in plain words.
    const integrity = page.getByRole('region', { name: 'Integrity of the history' });
    await integrity.getByRole('button', { name: 'Verify history' }).click();
    await integrity.getByText('The history is intact: every entry is as it was recorded.').waitFor();
    await expect(integrity.getByTestId('integrity-stream').first().textContent()).resolves.toMatch(/^The case: intact/);
    await checkPage(page, '27-case-history-intact');
    const [edited] = await queryRows<{ stream_revision: string }>(
      server.app.database.url,
      `UPDATE events SET data = jsonb_set(data, '{competentAuthorityOrgId}', '"someone-else"')
        WHERE stream_name = $1 AND event_type = 'CaseReferred' RETURNING stream_revision`,
      [`case-${decidedCase}`],
    );
    await integrity.getByRole('button', { name: 'Verify history' }).click();
    await integrity.getByText('The history was tampered with: see below.').waitFor();
    await expect(integrity.getByTestId('integrity-stream').first().textContent()).resolves.toBe(
      `The case: broken from revision ${edited.stream_revision}: the entry was changed after it was recorded`,
    );
    await checkPage(page, '28-case-history-broken');
    await coordinatorConsole.context.close();
  });
});
