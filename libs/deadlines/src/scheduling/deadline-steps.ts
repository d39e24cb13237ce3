/**
 * Which jobs a deadline needs, as a pure function of its row and the time: its reminders before it
 * falls due ('remind-72h', 'remind-24h', … or 'remind-75pct'), and 'due' when it does.
 */

export const DUE_STEP = 'due';

export interface SchedulableDeadline {
  deadlineId: string;
  version: number;
  startedAt: Date;
  dueAt: Date;
  firedSteps: readonly string[];
  /**
   * When the last reminder of this deadline went out, whatever its version (an extension makes a
   * new version and empties firedSteps, not this); null when none has yet.
   */
  lastRemindedAt: Date | null;
  /**
   * The deadline ends by an event the system appends when it falls due (a reflection period's
   * expiry): until that event is recorded, its 'due' step is not finished even after it fired.
   */
  awaitsExpiryEvent: boolean;
}

export interface PlannedStep {
  step: string;
  /** When the step falls, in ms since the epoch. */
  at: number;
}

/** The data of one BullMQ job. */
export interface DeadlineJobData {
  deadlineId: string;
  version: number;
  step: string;
}

const HOUR_MS = 60 * 60 * 1000;

export const reminderStep = (hours: number): string => `remind-${hours}h`;

/** The reminder of a deadline too short for every configured offset: at 3/4 of its length. */
export const FALLBACK_REMINDER_STEP = 'remind-75pct';
const FALLBACK_REMINDER_FRACTION = 0.75;

/** DEADLINE_REMINDER_HOURS ('72,24') as distinct positive hours, largest first. */
export function parseReminderHours(setting: string): number[] {
  const hours = setting
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((hour) => Number.isInteger(hour) && hour > 0);
  return [...new Set(hours)].sort((a, b) => b - a);
}

/** Deterministic and valid for BullMQ: no ':' (deadline ids never hold one either). */
export const jobIdOf = (data: DeadlineJobData): string => `${data.deadlineId}.v${data.version}.${data.step}`;

/**
 * Every reminder of a deadline, earliest first, whatever the time now: one at due − offset for each
 * configured offset whose time comes after the deadline's start; when none does (a 24 h hand-over
 * with the default 72,24: "24 h before" would be its very start), one at 3/4 of its length, so that
 * every deadline reminds once before it falls due, whatever its length.
 */
export function reminderTimes(startedAt: Date, dueAt: Date, reminderHours: readonly number[]): PlannedStep[] {
  const start = startedAt.getTime();
  const due = dueAt.getTime();
  if (due <= start) return [];
  const fitting = reminderHours
    .map((hours) => ({ step: reminderStep(hours), at: due - hours * HOUR_MS }))
    .filter((reminder) => reminder.at > start)
    .sort((a, b) => a.at - b.at);
  if (fitting.length > 0) return fitting;
  return [{ step: FALLBACK_REMINDER_STEP, at: Math.round(start + (due - start) * FALLBACK_REMINDER_FRACTION) }];
}

/**
 * The steps still to fire, with their times:
 * - 'due' at the due time, unless fired (a deadline already past falls due at once: one escalation,
 *   and no reminder);
 * - while the deadline is not yet due, each of its reminders (reminderTimes) still ahead and not
 *   fired;
 * - of the reminders whose time has already passed (the deadline was recorded late or extended, the
 *   worker was down, Redis was emptied), at most one, the latest, and only when no reminder of the
 *   deadline went out since its time: one catch-up reminder at once, never a burst, and none after
 *   an extension that follows a reminder (three quick extensions remind nobody three times);
 * - 'due' again, at once, when it fired but the expiry event it appends is not recorded yet (the
 *   process died between the two and Redis lost the job): running it again only appends the event.
 */
export function plannedSteps(
  deadline: SchedulableDeadline,
  reminderHours: readonly number[],
  now: number,
): PlannedStep[] {
  const fired = new Set(deadline.firedSteps);
  const due = deadline.dueAt.getTime();
  const steps: PlannedStep[] = [];
  if (due > now) {
    const reminders = reminderTimes(deadline.startedAt, deadline.dueAt, reminderHours);
    const past = reminders.filter((reminder) => reminder.at <= now);
    const latestPast = past[past.length - 1];
    const lastReminded = deadline.lastRemindedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (latestPast && !fired.has(latestPast.step) && lastReminded < latestPast.at) steps.push(latestPast);
    for (const reminder of reminders) {
      if (reminder.at > now && !fired.has(reminder.step)) steps.push(reminder);
    }
  }
  if (!fired.has(DUE_STEP)) steps.push({ step: DUE_STEP, at: due });
  else if (deadline.awaitsExpiryEvent) steps.push({ step: DUE_STEP, at: now });
  return steps;
}
