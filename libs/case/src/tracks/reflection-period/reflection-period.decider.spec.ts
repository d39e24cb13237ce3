import { caseOpened, caseWorker, SPEC_NOW } from '../../testing/case-fixtures';
import { deciderSpec } from '@nrm/shared-kernel/testing';
import type { CaseEvent } from '..';
import type { CaseState, ExistingCase } from '../case-state';
import type {
  ReflectionPeriodEnded,
  ReflectionPeriodExpired,
  ReflectionPeriodExtended,
  ReflectionPeriodStarted,
} from './reflection-period.events';
import {
  type EndReflectionPeriod,
  type ExpireReflectionPeriod,
  type ExtendReflectionPeriod,
  reflectionPeriodDecider as decider,
  type StartReflectionPeriod,
} from './reflection-period.decider';

const now = SPEC_NOW;
const worker = caseWorker();
const opened = caseOpened();

const started = (overrides: Partial<ReflectionPeriodStarted['data']> = {}): ReflectionPeriodStarted => ({
  type: 'ReflectionPeriodStarted',
  data: {
    caseId: 'case-1',
    periodId: 'period-1',
    startedAt: '2026-11-01T10:00:00.000Z',
    endsAt: '2026-12-01T10:00:00.000Z',
    days: 30,
    ...overrides,
  },
});
/** period-1 extended by 15 days, to `endsAt`. */
const extended = (endsAt: string, reason = 'r'): ReflectionPeriodExtended => ({
  type: 'ReflectionPeriodExtended',
  data: { caseId: 'case-1', periodId: 'period-1', days: 15, reason, endsAt },
});
const ended = (
  outcome: ReflectionPeriodEnded['data']['outcome'] = 'other',
  details: Partial<ReflectionPeriodEnded['data']> = {},
): ReflectionPeriodEnded => ({
  type: 'ReflectionPeriodEnded',
  data: { caseId: 'case-1', periodId: 'period-1', outcome, endedAt: '2026-11-10T10:00:00.000Z', ...details },
});
const expired: ReflectionPeriodExpired = {
  type: 'ReflectionPeriodExpired',
  data: { caseId: 'case-1', periodId: 'period-1', expiredAt: '2026-12-01T10:00:00.000Z' },
};

const start = (overrides: Partial<StartReflectionPeriod> = {}): StartReflectionPeriod => ({
  type: 'StartReflectionPeriod',
  periodId: 'period-2',
  days: 30,
  actor: worker,
  now,
  ...overrides,
});
const extend = (overrides: Partial<ExtendReflectionPeriod> = {}): ExtendReflectionPeriod => ({
  type: 'ExtendReflectionPeriod',
  days: 15,
  reason: 'Medical treatment continues',
  actor: worker,
  now,
  ...overrides,
});
const end = (overrides: Partial<EndReflectionPeriod> = {}): EndReflectionPeriod => ({
  type: 'EndReflectionPeriod',
  outcome: 'cooperating-with-investigation',
  actor: worker,
  now,
  ...overrides,
});

const { given, stateAfter: foldCase } = deciderSpec(decider);
/** The case the events open (every history here starts with `opened`). */
const stateAfter = (events: CaseEvent[]) => foldCase(events) as ExistingCase;

describe('Reflection-period decider: start', () => {
  it('starts a period now by default, ending after the given days', () =>
    given([opened])
      .when(start())
      .then([
        started({
          periodId: 'period-2',
          startedAt: '2026-11-21T10:00:00.000Z',
          endsAt: '2026-12-21T10:00:00.000Z',
          days: 30,
        }),
      ]));

  it('takes a longer length, and a start recorded late with its real time (normalised to UTC)', () =>
    given([opened])
      .when(start({ startedAt: '2026-11-15T09:00:00+04:00', days: 45 }))
      .then(([event]) =>
        expect(event.data).toMatchObject({
          startedAt: '2026-11-15T05:00:00.000Z',
          endsAt: '2026-12-30T05:00:00.000Z',
          days: 45,
        }),
      ));

  it('allows a backdated start whose end is already past: the period is simply due', () =>
    given([opened])
      .when(start({ startedAt: '2026-09-01T00:00:00Z' }))
      .then(([event]) => {
        const data = (event as ReflectionPeriodStarted).data;
        expect(data.endsAt).toBe('2026-10-01T00:00:00.000Z');
        expect(new Date(data.endsAt).getTime()).toBeLessThan(now.getTime());
      }));

  it('tolerates a start a few minutes ahead of the clock (device clock skew)', () =>
    given([opened])
      .when(start({ startedAt: '2026-11-21T10:04:00Z' }))
      .then(([event]) => expect(event.type).toBe('ReflectionPeriodStarted')));

  it('refuses a start in the future beyond 5 minutes', () =>
    given([opened])
      .when(start({ startedAt: '2026-11-21T10:06:00Z' }))
      .thenRuleBroken('reflection-period-start-not-in-future'));

  it('refuses fewer than 30 days (Council of Europe Convention art. 13)', () =>
    given([opened])
      .when(start({ days: 29 }))
      .thenRuleBroken('reflection-period-minimum'));

  it('refuses a second period while one is active', () =>
    given([opened, started()]).when(start()).thenRuleBroken('one-active-reflection-period'));

  it('refuses a second period while one is active even when its end is past but it has not expired yet', () =>
    given([opened, started({ endsAt: '2026-11-20T10:00:00.000Z' })])
      .when(start())
      .thenRuleBroken('one-active-reflection-period'));

  it('starts a new period after the last one ended', () =>
    given([opened, started(), ended()])
      .when(start())
      .then(([event]) => expect(event.type).toBe('ReflectionPeriodStarted')));

  it('starts a new period after the last one expired', () =>
    given([opened, started(), expired])
      .when(start())
      .then(([event]) => expect(event.type).toBe('ReflectionPeriodStarted')));

  it('allows a period for a person refused victim status (a review may be pending)', () =>
    given([
      opened,
      { type: 'VictimStatusRefused', data: { caseId: 'case-1', reasons: ['no indicators'], decidedOn: '2026-11-20' } },
    ])
      .when(start())
      .then(([event]) => expect(event.type).toBe('ReflectionPeriodStarted')));

  it('refuses a case that does not exist', () => given([]).when(start()).thenRuleBroken('case-exists'));

  it('refuses a closed case (every command)', () => {
    // The closing event belongs to the case-lifecycle context: the state a closure folds to stands in for it.
    const closedState: CaseState = { ...stateAfter([opened, started()]), stage: 'closed' };
    for (const command of [start(), extend(), end()]) {
      expect(() => decider.decide(command, closedState)).toThrow(expect.objectContaining({ rule: 'case-not-closed' }));
    }
  });
});

describe('Reflection-period decider: extension', () => {
  it('extends the active period from its current end, with the reason', () =>
    given([opened, started()])
      .when(extend())
      .then([extended('2026-12-16T10:00:00.000Z', 'Medical treatment continues')]));

  it('extends again from the extended end', () =>
    given([opened, started(), extended('2026-12-16T10:00:00.000Z')])
      .when(extend({ days: 10 }))
      .then(([event]) => expect(event.data).toMatchObject({ endsAt: '2026-12-26T10:00:00.000Z' })));

  it('refuses without an active period', () =>
    given([opened]).when(extend()).thenRuleBroken('no-active-reflection-period'));

  it('refuses after the period ended', () =>
    given([opened, started(), ended()]).when(extend()).thenRuleBroken('no-active-reflection-period'));

  it('refuses after the period expired', () =>
    given([opened, started(), expired]).when(extend()).thenRuleBroken('no-active-reflection-period'));

  it('refuses 0 days or more than 365', () => {
    given([opened, started()])
      .when(extend({ days: 0 }))
      .thenRuleBroken('reflection-period-extension-days');
    given([opened, started()])
      .when(extend({ days: 366 }))
      .thenRuleBroken('reflection-period-extension-days');
  });

  it('refuses a blank reason', () =>
    given([opened, started()])
      .when(extend({ reason: '  ' }))
      .thenRuleBroken('reflection-period-extension-reason'));

  it('refuses a case that does not exist', () => given([]).when(extend()).thenRuleBroken('case-exists'));
});

describe('Reflection-period decider: early end', () => {
  it('ends the active period with its outcome and note', () =>
    given([opened, started()])
      .when(end({ note: 'Statement given' }))
      .then([ended('cooperating-with-investigation', { endedAt: now.toISOString(), note: 'Statement given' })]));

  it('refuses without an active period', () =>
    given([opened]).when(end()).thenRuleBroken('no-active-reflection-period'));

  it('refuses after the period ended already', () =>
    given([opened, started(), ended()]).when(end()).thenRuleBroken('no-active-reflection-period'));

  it('refuses a case that does not exist', () => given([]).when(end()).thenRuleBroken('case-exists'));
});

describe('Reflection-period decider: expiry (by the system)', () => {
  const expire = (overrides: Partial<ExpireReflectionPeriod> = {}): ExpireReflectionPeriod => ({
    type: 'ExpireReflectionPeriod',
    periodId: 'period-1',
    expiredAt: '2026-12-01T10:00:00Z',
    actor: worker,
    now,
    ...overrides,
  });

  it('expires the active period with that id, at its end', () =>
    given([opened, started()]).when(expire()).then([expired]));

  it('decides nothing a second time: the period has expired already', () =>
    given([opened, started(), expired]).when(expire()).then([]));

  it('decides nothing for a period that ended early, or another period than the active one', () => {
    given([opened, started(), ended()]).when(expire()).then([]);
    given([opened, started()])
      .when(expire({ periodId: 'period-0' }))
      .then([]);
  });

  it('decides nothing for a case that does not exist or is closed (never an error)', () => {
    given([]).when(expire()).then([]);
    const closedState: CaseState = { ...stateAfter([opened, started()]), stage: 'closed' };
    expect(decider.decide(expire(), closedState)).toEqual([]);
  });
});

describe('Reflection-period state', () => {
  it('a start moves the case to the reflection-period stage and makes the period active', () => {
    const state = stateAfter([opened, started()]);
    expect(state.stage).toBe('reflection-period');
    expect(state.reflectionPeriod).toEqual({
      active: { periodId: 'period-1', startedAt: '2026-11-01T10:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' },
      personAskedToEnd: false,
      periods: 1,
    });
  });

  it('an early end because the person chose to return records that the person asked to end it', () => {
    const state = stateAfter([opened, started(), ended('chose-to-return')]);
    expect(state.reflectionPeriod).toEqual({ active: null, personAskedToEnd: true, periods: 1 });
  });

  it('another outcome does not', () =>
    expect(stateAfter([opened, started(), ended('cooperating-with-investigation')]).reflectionPeriod).toEqual({
      active: null,
      personAskedToEnd: false,
      periods: 1,
    }));

  it('expiry leaves no active period; a new period counts and resets personAskedToEnd', () => {
    expect(stateAfter([opened, started(), expired]).reflectionPeriod.active).toBeNull();
    const again = stateAfter([opened, started(), ended('chose-to-return'), started({ periodId: 'period-2' })]);
    expect(again.reflectionPeriod).toMatchObject({ personAskedToEnd: false, periods: 2 });
    expect(again.reflectionPeriod.active?.periodId).toBe('period-2');
  });

  it('an expiry of another period than the active one changes nothing', () => {
    const other = { ...expired, data: { ...expired.data, periodId: 'period-0' } };
    expect(stateAfter([opened, started(), other]).reflectionPeriod.active?.periodId).toBe('period-1');
  });
});
