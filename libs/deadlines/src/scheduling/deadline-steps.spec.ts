import { plannedSteps, reminderTimes, type SchedulableDeadline } from './deadline-steps';

/**
 * The reminder plan, given a deadline (start, due, extension, what already went out) and the
 * settings, when it is planned at a time, then these steps at these times.
 */
const HOUR = 3_600_000;
const DEFAULT_HOURS = [72, 24];
const start = Date.parse('2026-11-20T10:00:00Z');

function given(deadline: { lengthHours: number; firedSteps?: string[]; lastRemindedAt?: number; version?: number }) {
  const schedulable: SchedulableDeadline = {
    deadlineId: 'hand-over.6f1c1d6e-4b8a-4c1e-9d43-0a4f3c2b1a00',
    version: deadline.version ?? 1,
    startedAt: new Date(start),
    dueAt: new Date(start + deadline.lengthHours * HOUR),
    firedSteps: deadline.firedSteps ?? [],
    lastRemindedAt: deadline.lastRemindedAt === undefined ? null : new Date(deadline.lastRemindedAt),
    awaitsExpiryEvent: false,
  };
  return {
    plannedAt: (hoursAfterStart: number, reminderHours = DEFAULT_HOURS) =>
      plannedSteps(schedulable, reminderHours, start + hoursAfterStart * HOUR).map(({ step, at }) => [
        step,
        (at - start) / HOUR,
      ]),
  };
}

describe('The reminder plan', () => {
  describe('every deadline reminds at least once before it falls due, whatever its length', () => {
    it.each([
      // length in hours, settings, then [step, hours after start]
      [24, DEFAULT_HOURS, [['remind-75pct', 18]]],
      [30, DEFAULT_HOURS, [['remind-24h', 6]]],
      [
        120,
        DEFAULT_HOURS,
        [
          ['remind-72h', 48],
          ['remind-24h', 96],
        ],
      ],
      [72, DEFAULT_HOURS, [['remind-24h', 48]]],
      [2, DEFAULT_HOURS, [['remind-75pct', 1.5]]],
      [720, [], [['remind-75pct', 540]]],
    ])('a %s h deadline with offsets %j', (lengthHours, hours, reminders) => {
      const times = reminderTimes(new Date(start), new Date(start + lengthHours * HOUR), hours);
      expect(times.map(({ step, at }) => [step, (at - start) / HOUR])).toEqual(reminders);
      expect(times.every(({ at }) => at > start && at < start + lengthHours * HOUR)).toBe(true);
    });

    it('given a 24 h hand-over with the default 72,24, when planned at its start, then one reminder at 18 h, then due', () => {
      expect(given({ lengthHours: 24 }).plannedAt(0)).toEqual([
        ['remind-75pct', 18],
        ['due', 24],
      ]);
    });
  });

  describe('reminders whose time passed when the deadline is planned', () => {
    it('given a 24 h hand-over recorded 20 h late, then one catch-up reminder at once, then due', () => {
      expect(given({ lengthHours: 24 }).plannedAt(20)).toEqual([
        ['remind-75pct', 18],
        ['due', 24],
      ]);
    });

    it('given a 30-day period recorded with 10 h left, then only the latest passed reminder (24 h), not both', () => {
      expect(given({ lengthHours: 720 }).plannedAt(710)).toEqual([
        ['remind-24h', 696],
        ['due', 720],
      ]);
    });

    it('given a deadline recorded after it fell due, then no reminder: it escalates at once, once', () => {
      expect(given({ lengthHours: 24 }).plannedAt(30)).toEqual([['due', 24]]);
      expect(given({ lengthHours: 24, firedSteps: ['due'] }).plannedAt(30)).toEqual([]);
    });
  });

  describe('an extension does not bunch reminders', () => {
    it('given a 30-day period reminded 24 h before, extended by 1 day, then the passed 72 h reminder is not caught up', () => {
      // Reminded at 696 h (24 h before the first due time); at 710 h it is extended to 744 h: version 2,
      // no step fired in it. Its 72 h reminder (672 h) passed before the reminder that went out.
      expect(given({ lengthHours: 744, version: 2, lastRemindedAt: start + 696 * HOUR }).plannedAt(710)).toEqual([
        ['remind-24h', 720],
        ['due', 744],
      ]);
    });

    it('given three extensions in quick succession after one reminder, then no reminder at once for any of them', () => {
      const lastRemindedAt = start + 696 * HOUR;
      for (const [version, lengthHours] of [
        [2, 744],
        [3, 768],
        [4, 792],
      ]) {
        const steps = given({ lengthHours, version, lastRemindedAt }).plannedAt(710);
        expect(steps.filter(([, at]) => (at as number) <= 710)).toEqual([]);
      }
    });

    it('given no reminder went out since a passed reminder time (worker down), then that one is caught up, once', () => {
      const lastRemindedAt = start + 600 * HOUR;
      expect(given({ lengthHours: 744, version: 2, lastRemindedAt }).plannedAt(730)).toEqual([
        ['remind-24h', 720],
        ['due', 744],
      ]);
      expect(
        given({ lengthHours: 744, version: 2, lastRemindedAt, firedSteps: ['remind-24h'] }).plannedAt(730),
      ).toEqual([['due', 744]]);
    });
  });
});
