import { calendarDate, latestCalendarDay } from './calendar-days';

describe('calendar days', () => {
  it('a moment is its UTC day', () => {
    expect(calendarDate(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-03');
  });

  it('the latest day anywhere is still today in UTC until 10:00 UTC, and tomorrow from then (UTC+14)', () => {
    expect(latestCalendarDay(new Date('2026-12-03T09:59:59Z'))).toBe('2026-12-03');
    expect(latestCalendarDay(new Date('2026-12-03T10:00:00Z'))).toBe('2026-12-04');
  });
});
