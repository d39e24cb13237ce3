import type { CaseEvent } from '..';
import type { ReflectionPeriodStarted } from '../reflection-period/reflection-period.events';
import { caseOpened, caseWorker, SPEC_NOW } from '../../testing/case-fixtures';
import { deciderSpec } from '@nrm/shared-kernel/testing';
import { type RepatriationCommand, repatriationDecider } from './repatriation.decider';

const now = SPEC_NOW;
const worker = caseWorker();
const caseId = 'case-1';
const opened = caseOpened({ caseId });

/** What `request()` records: the voluntary consent, recorded now. */
const requested: CaseEvent = {
  type: 'RepatriationRequested',
  data: {
    caseId,
    destinationCountry: 'UZ',
    voluntaryConsent: true,
    consentRecordedAt: now.toISOString(),
    requestedAt: now.toISOString(),
  },
};
const assessed = (level: 'low' | 'medium' | 'high', mitigated = false): CaseEvent => ({
  type: 'RepatriationRiskAssessed',
  data: { caseId, level, mitigated, assessedAt: '2026-11-21T09:10:00.000Z' },
});
const documented: CaseEvent = {
  type: 'TravelDocumentsRecorded',
  data: { caseId, documents: ['certificate-of-return'], issuedBy: 'Embassy of Uzbekistan', recordedAt: '2026-11-21' },
};
const scheduledFor = (travelDate: string): CaseEvent => ({
  type: 'RepatriationScheduled',
  data: { caseId, destinationCountry: 'UZ', travelDate },
});
const scheduled = scheduledFor('2026-11-28');
/** Scheduled for a day that has come (the spec's now is 2026-11-21): it may be completed. */
const travelled = scheduledFor('2026-11-20');
/** Requested, its risk assessed low and its travel documents recorded: ready to be scheduled. */
const readyToSchedule = [opened, requested, assessed('low'), documented];
const travelDayCome = [...readyToSchedule, travelled];
const periodStarted = (endsAt = '2026-12-20T10:00:00.000Z'): ReflectionPeriodStarted => ({
  type: 'ReflectionPeriodStarted',
  data: { caseId, periodId: 'p-1', startedAt: '2026-11-20T10:00:00.000Z', endsAt, days: 30 },
});

const request = (overrides: Partial<Extract<RepatriationCommand, { type: 'RequestRepatriation' }>> = {}) =>
  ({
    type: 'RequestRepatriation',
    destinationCountry: 'UZ',
    voluntaryConsent: true,
    actor: worker,
    now,
    ...overrides,
  }) as RepatriationCommand;
const assess = (level: 'low' | 'medium' | 'high', mitigated?: boolean): RepatriationCommand => ({
  type: 'AssessRepatriationRisk',
  level,
  mitigated,
  notes: 'Family contacted through IOM',
  actor: worker,
  now,
});
const documents = (docs: ('passport' | 'visa')[] = ['passport']): RepatriationCommand => ({
  type: 'RecordTravelDocuments',
  documents: docs,
  issuedBy: 'Embassy of Uzbekistan',
  actor: worker,
  now,
});
const schedule = (travelDate = '2026-11-28'): RepatriationCommand => ({
  type: 'ScheduleRepatriation',
  travelDate,
  route: 'GYD–TAS',
  actor: worker,
  now,
});
const complete = (arrivedOn = '2026-11-21'): RepatriationCommand => ({
  type: 'CompleteRepatriation',
  arrivedOn,
  receivedBy: 'IOM Tashkent',
  actor: worker,
  now,
});
const cancel: RepatriationCommand = { type: 'CancelRepatriation', reason: 'Changed her mind', actor: worker, now };

const { given, stateAfter } = deciderSpec(repatriationDecider);

describe('Repatriation decider: request', () => {
  it('opens a repatriation with the voluntary consent, recorded now by default', () =>
    given([opened]).when(request()).then([requested]));

  it('keeps a consent recorded earlier', () =>
    given([opened])
      .when(request({ consentRecordedAt: '2026-11-20T08:00:00.000Z' }))
      .then(([event]) => expect(event.data).toMatchObject({ consentRecordedAt: '2026-11-20T08:00:00.000Z' })));

  it('refuses without voluntary consent (422)', () =>
    given([opened])
      .when(request({ voluntaryConsent: false }))
      .thenRuleBroken('repatriation-needs-voluntary-consent'));

  it('refuses a consent recorded in the future', () =>
    given([opened])
      .when(request({ consentRecordedAt: '2026-11-22T10:00:00Z' }))
      .thenRuleBroken('consent-not-in-future'));

  it('refuses during an active reflection period', () =>
    given([opened, periodStarted()]).when(request()).thenRuleBroken('no-repatriation-during-reflection-period'));

  it('accepts once the person asked to end the reflection period (ended: chose to return)', () =>
    given([
      opened,
      periodStarted(),
      {
        type: 'ReflectionPeriodEnded',
        data: { caseId, periodId: 'p-1', outcome: 'chose-to-return', endedAt: '2026-11-21T09:00:00.000Z' },
      },
    ])
      .when(request())
      .then(([event]) => expect(event.type).toBe('RepatriationRequested')));

  it('accepts once the period has passed its end, even before its expiry is appended', () =>
    given([opened, periodStarted('2026-11-21T09:00:00.000Z')])
      .when(request())
      .then(([event]) => expect(event.type).toBe('RepatriationRequested')));

  it('refuses a second open repatriation', () =>
    given([opened, requested]).when(request()).thenRuleBroken('repatriation-already-open'));

  it('accepts a new repatriation after the last one was cancelled', () =>
    given([opened, requested, { type: 'RepatriationCancelled', data: { caseId, reason: 'x', cancelledAt: 'y' } }])
      .when(request())
      .then(([event]) => expect(event.type).toBe('RepatriationRequested')));

  it('refuses on a case that does not exist', () => given([]).when(request()).thenRuleBroken('case-exists'));
});

describe('Repatriation decider: risk assessment and travel documents', () => {
  it('records a risk assessment, not mitigated unless said', () =>
    given([opened, requested])
      .when(assess('medium'))
      .then(([event]) =>
        expect(event).toEqual({
          type: 'RepatriationRiskAssessed',
          data: {
            caseId,
            level: 'medium',
            mitigated: false,
            notes: 'Family contacted through IOM',
            assessedAt: now.toISOString(),
          },
        }),
      ));

  it('refuses a risk assessment without an open repatriation', () =>
    given([opened]).when(assess('low')).thenRuleBroken('no-open-repatriation'));

  it('records travel documents, without duplicates', () =>
    given([opened, requested])
      .when(documents(['passport', 'visa', 'passport']))
      .then(([event]) => expect(event.data).toMatchObject({ documents: ['passport', 'visa'] })));

  it('refuses an empty list of travel documents', () =>
    given([opened, requested]).when(documents([])).thenRuleBroken('travel-documents-not-empty'));

  it('refuses travel documents without an open repatriation', () =>
    given([opened]).when(documents()).thenRuleBroken('no-open-repatriation'));
});

describe('Repatriation decider: scheduling', () => {
  it('schedules with consent, a risk assessment and travel documents', () =>
    given(readyToSchedule)
      .when(schedule())
      .then([
        {
          type: 'RepatriationScheduled',
          data: { caseId, destinationCountry: 'UZ', travelDate: '2026-11-28', route: 'GYD–TAS' },
        },
      ]));

  it('may schedule for today', () =>
    given(readyToSchedule)
      .when(schedule('2026-11-21'))
      .then(([event]) => expect(event.type).toBe('RepatriationScheduled')));

  it('refuses without an open repatriation', () =>
    given([opened]).when(schedule()).thenRuleBroken('no-open-repatriation'));

  it('refuses without a risk assessment', () =>
    given([opened, requested, documented]).when(schedule()).thenRuleBroken('schedule-needs-risk-assessment'));

  it('refuses while the risk is high and not mitigated', () =>
    given([opened, requested, assessed('high'), documented])
      .when(schedule())
      .thenRuleBroken('high-risk-not-mitigated'));

  it('schedules once a later assessment says the high risk is mitigated', () =>
    given([opened, requested, assessed('high'), documented, assessed('high', true)])
      .when(schedule())
      .then(([event]) => expect(event.type).toBe('RepatriationScheduled')));

  it('schedules once a later assessment rates the risk lower', () =>
    given([opened, requested, assessed('high'), documented, assessed('medium')])
      .when(schedule())
      .then(([event]) => expect(event.type).toBe('RepatriationScheduled')));

  it('the latest assessment counts: a new unmitigated high risk blocks again', () =>
    given([...readyToSchedule, assessed('high')])
      .when(schedule())
      .thenRuleBroken('high-risk-not-mitigated'));

  it('refuses without travel documents', () =>
    given([opened, requested, assessed('low')])
      .when(schedule())
      .thenRuleBroken('schedule-needs-travel-documents'));

  it('refuses a travel date in the past', () =>
    given(readyToSchedule).when(schedule('2026-11-20')).thenRuleBroken('travel-date-not-in-past'));
});

describe('Repatriation decider: completion and cancellation', () => {
  it('completes a scheduled repatriation and moves the case to stage repatriation', () => {
    given(travelDayCome)
      .when(complete())
      .then([
        {
          type: 'RepatriationCompleted',
          data: { caseId, destinationCountry: 'UZ', arrivedOn: '2026-11-21', receivedBy: 'IOM Tashkent' },
        },
      ]);
    const state = stateAfter([...travelDayCome, ...repatriationDecider.decide(complete(), stateAfter(travelDayCome))]);
    expect(state).toMatchObject({ stage: 'repatriation', repatriation: { open: null, completed: 1 } });
  });

  it('refuses to complete a repatriation that is not scheduled', () =>
    given(readyToSchedule).when(complete()).thenRuleBroken('repatriation-not-scheduled'));

  it('refuses to complete while a later assessment found an unmitigated high risk', () =>
    given([...travelDayCome, assessed('high')])
      .when(complete())
      .thenRuleBroken('high-risk-not-mitigated'));

  it('refuses an arrival in the future', () =>
    given(travelDayCome).when(complete('2026-11-25')).thenRuleBroken('arrival-not-in-future'));

  it('refuses an arrival before the travel date', () =>
    given(travelDayCome).when(complete('2026-11-19')).thenRuleBroken('arrival-not-before-travel'));

  it('accepts an arrival on the travel date', () =>
    given(travelDayCome)
      .when(complete('2026-11-20'))
      .then((events) => expect(events).toMatchObject([{ data: { arrivedOn: '2026-11-20' } }])));

  it('refuses to complete without an open repatriation', () =>
    given([opened]).when(complete()).thenRuleBroken('no-open-repatriation'));

  it('cancels any open repatriation, scheduled or not', () => {
    given([opened, requested])
      .when(cancel)
      .then(([event]) =>
        expect(event).toEqual({
          type: 'RepatriationCancelled',
          data: { caseId, reason: 'Changed her mind', cancelledAt: now.toISOString() },
        }),
      );
    given([...readyToSchedule, scheduled])
      .when(cancel)
      .then(([event]) => expect(event.type).toBe('RepatriationCancelled'));
  });

  it('refuses to cancel when nothing is open', () =>
    given([opened]).when(cancel).thenRuleBroken('no-open-repatriation'));

  it('refuses every command on a closed case', () => {
    const closed = stateAfter([opened, requested]);
    const closedState = closed.exists ? { ...closed, stage: 'closed' as const } : closed;
    expect(() => repatriationDecider.decide(cancel, closedState)).toThrow(
      expect.objectContaining({ rule: 'case-not-closed' }),
    );
  });
});
