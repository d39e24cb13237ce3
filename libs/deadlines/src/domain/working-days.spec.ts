import { addWorkingDays, azerbaijanCalendar, isWorkingDay, localDateOf, parseHolidayList } from './working-days';

const baku = (local: string) => new Date(`${local}+04:00`);

describe('working-day calendar (Azerbaijan, Asia/Baku)', () => {
  const calendar = azerbaijanCalendar();

  it('a referral on Friday 2026-03-13 + 5 working days skips the weekend and Novruz (20–24 March)', () => {
    // Mon 16, Tue 17, Wed 18, Thu 19, then Novruz Fri 20 … Tue 24 (with the weekend), then Wed 25.
    expect(addWorkingDays(baku('2026-03-13T15:00:00'), 5, calendar)).toEqual(baku('2026-03-25T23:59:59.999'));
  });

  it('falls due at the end of the last working day, Baku time, whatever the hour of the start', () => {
    // Monday 2026-11-16 → Tue 17, Wed 18, Thu 19, Fri 20, Mon 23.
    expect(addWorkingDays(baku('2026-11-16T00:00:01'), 5, calendar)).toEqual(baku('2026-11-23T23:59:59.999'));
    expect(addWorkingDays(baku('2026-11-16T23:59:00'), 5, calendar)).toEqual(baku('2026-11-23T23:59:59.999'));
  });

  it('counts in Baku dates, not UTC ones: 22:00 UTC on Friday is already Saturday in Baku', () => {
    // 2026-11-20T22:00Z = Saturday 21 November 02:00 in Baku → Mon 23 … Fri 27.
    expect(localDateOf(new Date('2026-11-20T22:00:00Z'), calendar)).toBe('2026-11-21');
    expect(addWorkingDays(new Date('2026-11-20T22:00:00Z'), 5, calendar)).toEqual(baku('2026-11-27T23:59:59.999'));
  });

  it('a start on a weekend or holiday counts from the next working day', () => {
    // Saturday 2026-03-21 (Novruz and weekend) → Wed 25 is the first working day.
    expect(addWorkingDays(baku('2026-03-21T10:00:00'), 1, calendar)).toEqual(baku('2026-03-25T23:59:59.999'));
  });

  it('skips the year end: 31 December, 1–2 January and the weekend', () => {
    // Wed 2026-12-30 → Thu 31 Dec, Fri 1 Jan, Sat, Sun → Mon 2027-01-04 (2 January is a Saturday).
    expect(addWorkingDays(baku('2026-12-30T12:00:00'), 1, calendar)).toEqual(baku('2027-01-04T23:59:59.999'));
  });

  it('knows the shipped fixed-date holidays', () => {
    for (const holiday of [
      '2026-01-01',
      '2026-01-02',
      '2026-01-20',
      '2027-03-08',
      '2026-03-20',
      '2026-03-24',
      '2028-05-09',
      '2029-05-28',
      '2026-06-15',
      '2026-06-26',
      '2027-11-08',
      '2027-11-09',
      '2026-12-31',
    ]) {
      expect([holiday, isWorkingDay(baku(`${holiday}T12:00:00`), calendar)]).toEqual([holiday, false]);
    }
    expect(isWorkingDay(baku('2026-03-19T12:00:00'), calendar)).toBe(true);
    expect(isWorkingDay(baku('2026-11-21T12:00:00'), calendar)).toBe(false); // Saturday
    expect(isWorkingDay(baku('2026-11-22T12:00:00'), calendar)).toBe(false); // Sunday
  });

  it('takes extra dates (moveable holidays and moved days, announced yearly)', () => {
    const withBayram = azerbaijanCalendar('2026-03-19,2026-03-25');
    expect(isWorkingDay(baku('2026-03-25T12:00:00'), withBayram)).toBe(false);
    // Fri 13 → Mon 16, Tue 17, Wed 18, (19 extra, 20–24 Novruz, 25 extra), Thu 26, Fri 27.
    expect(addWorkingDays(baku('2026-03-13T15:00:00'), 5, withBayram)).toEqual(baku('2026-03-27T23:59:59.999'));
  });

  it('parses EXTRA_PUBLIC_HOLIDAYS and refuses a malformed date', () => {
    expect(parseHolidayList('')).toEqual([]);
    expect(parseHolidayList('2026-05-27, 2026-05-28')).toEqual(['2026-05-27', '2026-05-28']);
    expect(() => azerbaijanCalendar(['27.05.2026'])).toThrow(/YYYY-MM-DD/);
  });

  it('zero working days is the start itself; a negative count is refused', () => {
    const from = baku('2026-11-16T10:00:00');
    expect(addWorkingDays(from, 0, calendar)).toEqual(from);
    expect(() => addWorkingDays(from, -1, calendar)).toThrow();
  });
});
