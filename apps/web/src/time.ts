/** Dates and times in the country's zone (CONSOLE_TIME_ZONE), whatever the browser's zone. */
let zone = 'Asia/Baku';

export function setTimeZone(timeZone: string): void {
  zone = timeZone;
}

export function timeZone(): string {
  return zone;
}

/** Building an Intl.DateTimeFormat costs far more than using one: one per language and zone (the board formats 1,000). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${language}|${zone}|${seconds}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      // dateStyle cannot be combined with timeZoneName: the parts one by one.
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: seconds ? '2-digit' : undefined,
      timeZone: zone,
      timeZoneName: 'short',
    });
    formatters.set(key, format);
  }
  return format;
}

/** `seconds` where events a few seconds apart must be told apart (a historical view's moment). */
export function formatDateTime(iso: string | null | undefined, language: string, seconds = false): string {
  if (!iso) return '—';
  return dateTimeFormat(language, seconds).format(new Date(iso));
}

export function formatDate(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  // A calendar day (YYYY-MM-DD) is the same day everywhere: format it at noon UTC, in UTC.
  const date = day.length === 10 ? new Date(`${day}T12:00:00Z`) : new Date(day);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: day.length === 10 ? 'UTC' : zone }).format(
    date,
  );
}

/** Minutes east of UTC of the zone at an instant. */
function offsetMinutes(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "YYYY-MM-DDTHH:mm" (or with ":ss") as a wall-clock time in the zone, as ISO 8601 with the zone's offset. */
export function zonedInputToIso(input: string): string {
  const local = input.length === 16 ? `${input}:00` : input;
  const wall = Date.parse(`${local}Z`);
  let offset = offsetMinutes(wall);
  offset = offsetMinutes(wall - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/** An instant as the zone's wall clock "YYYY-MM-DDTHH:mm" (the value of a datetime-local input). */
export function isoToZonedInput(instant: number): string {
  return new Date(instant + offsetMinutes(instant) * 60_000).toISOString().slice(0, 16);
}

/** Today in the zone, YYYY-MM-DD. */
export function zonedToday(instant: number): string {
  return isoToZonedInput(instant).slice(0, 10);
}
