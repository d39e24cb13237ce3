import { latestCalendarDay } from './calendar-days';
import { DomainRuleViolation } from './domain-rule-violation';

/** A time recorded on a device may lie a little ahead of the server's clock (device clocks drift). */
const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;

/** Refuses (422 `rule` on `field`) a recorded moment after now, beyond the devices' clock skew. */
export function assertMomentNotInFuture(moment: Date, now: Date, rule: string, field: string): void {
  if (moment.getTime() > now.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    throw new DomainRuleViolation(rule, `${field} lies in the future`, 'unprocessable', field);
  }
}

/** Refuses (422 `rule` on `field`) a day (YYYY-MM-DD) that is in the future everywhere on Earth. */
export function assertDayNotInFuture(day: string, now: Date, rule: string, field: string): void {
  if (day > latestCalendarDay(now)) {
    throw new DomainRuleViolation(rule, `${field} lies in the future`, 'unprocessable', field);
  }
}
