import shippedHolidays from './holidays-az.json';

/**
 * The working-day calendar (DESIGN §3, deadlines in working days): weekends plus public holidays.
 * Pure: no clock, no I/O. Dates are counted in the country's local calendar (Asia/Baku, UTC+4 all
 * year: Azerbaijan has had no daylight-saving time since 2016), whatever the server's time zone.
 *
 * Shipped as data (holidays-az.json): Azerbaijan's fixed-date non-working holidays. Moveable ones
 * (Ramazan and Qurban bayramı, two days each, following the lunar calendar) and the days the
 * Cabinet of Ministers moves each year (a holiday on a weekend carries over to the next working
 * day) are announced yearly: they are added as dates (EXTRA_PUBLIC_HOLIDAYS=2026-03-20,2026-05-27…).
 */
export interface WorkingDayCalendar {
  /** Minutes east of UTC of the local calendar (Asia/Baku: +240, no DST). */
  readonly utcOffsetMinutes: number;
  /** ISO weekdays that are not worked (0 = Sunday … 6 = Saturday). */
  readonly weekendDays: ReadonlySet<number>;
  /** Holidays on the same date every year, as 'MM-DD'. */
  readonly fixedHolidays: ReadonlySet<string>;
  /** Holidays of one year only, as 'YYYY-MM-DD'. */
  readonly extraHolidays: ReadonlySet<string>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Azerbaijan's calendar: Saturday and Sunday, the shipped fixed holidays and the extra dates given. */
export function azerbaijanCalendar(extraHolidays: readonly string[] | string = []): WorkingDayCalendar {
  const extra = typeof extraHolidays === 'string' ? parseHolidayList(extraHolidays) : extraHolidays;
  for (const date of extra) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a date YYYY-MM-DD: ${date}`);
  }
  return {
    utcOffsetMinutes: shippedHolidays.utcOffsetMinutes,
    weekendDays: new Set([0, 6]),
    fixedHolidays: new Set(shippedHolidays.fixedHolidays.map(({ month, day }) => `${pad(month)}-${pad(day)}`)),
    extraHolidays: new Set(extra),
  };
}

/** 'YYYY-MM-DD,YYYY-MM-DD' (EXTRA_PUBLIC_HOLIDAYS) to a list; blanks ignored. */
export function parseHolidayList(list: string): string[] {
  return list
    .split(',')
    .map((date) => date.trim())
    .filter((date) => date.length > 0);
}

/** A local calendar day, held as the UTC midnight of that date (only its Y-M-D is meaningful). */
function localDay(instant: Date, calendar: WorkingDayCalendar): Date {
  const shifted = new Date(instant.getTime() + calendar.utcOffsetMinutes * 60_000);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** 'YYYY-MM-DD' of the local date of an instant. */
export function localDateOf(instant: Date, calendar: WorkingDayCalendar): string {
  return localDay(instant, calendar).toISOString().slice(0, 10);
}

function isWorkingLocalDay(day: Date, calendar: WorkingDayCalendar): boolean {
  if (calendar.weekendDays.has(day.getUTCDay())) return false;
  const iso = day.toISOString().slice(0, 10);
  return !calendar.fixedHolidays.has(iso.slice(5)) && !calendar.extraHolidays.has(iso);
}

/** Whether the local date of this instant is a working day. */
export function isWorkingDay(instant: Date, calendar: WorkingDayCalendar): boolean {
  return isWorkingLocalDay(localDay(instant, calendar), calendar);
}

/**
 * `days` working days after `from`: counting starts on the local day after `from` (the day of the
 * event itself never counts, even when it is a working day), skipping weekends and holidays. The
 * deadline falls due at the END of the last working day, local time (23:59:59.999 in Baku): a
 * decision taken at any time on that day is in time, whatever the hour of the referral.
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingDayCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new Error(`days must be a whole number ≥ 0, got ${days}`);
  if (Number.isNaN(from.getTime())) throw new Error('from is not a date');
  let day = localDay(from, calendar);
  for (let counted = 0; counted < days;) {
    day = new Date(day.getTime() + 86_400_000);
    if (isWorkingLocalDay(day, calendar)) counted++;
  }
  if (days === 0) return from;
  return endOfLocalDay(day, calendar);
}

function endOfLocalDay(day: Date, calendar: WorkingDayCalendar): Date {
  return new Date(day.getTime() + 86_400_000 - calendar.utcOffsetMinutes * 60_000 - 1);
}
