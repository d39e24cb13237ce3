const FURTHEST_AHEAD_OF_UTC_MS = 14 * 60 * 60 * 1000;

/** YYYY-MM-DD of a moment, in UTC. */
export function calendarDate(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * The latest calendar day it is anywhere at `now`. The furthest time zone is UTC+14, so a date written
 * as "today" somewhere may already be tomorrow in UTC; a date after this one is in the future everywhere.
 */
export function latestCalendarDay(now: Date): string {
  return calendarDate(new Date(now.getTime() + FURTHEST_AHEAD_OF_UTC_MS));
}
