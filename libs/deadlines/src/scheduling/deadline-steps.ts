/**
 * Which jobs a deadline needs, as a pure function of its row and the time: one reminder per
 * configured offset before it falls due ('remind-72h', 'remind-24h', …), and 'due' when it does.
 */

export const DUE_STEP = 'due';

export interface SchedulableDeadline {
  deadlineId: string;
  version: number;
  startedAt: Date;
  dueAt: Date;
  firedSteps: readonly string[];
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
 * The steps still to fire, with their times:
 * - 'due' at the due time, unless fired (a deadline already past falls due at once);
 * - a reminder at due − offset, only while the deadline is not yet due, and only when that time
 *   came after the deadline started (a 24 h deadline gets no 72 h reminder, nor one "24 h before" at
 *   its very start). Reminders whose time has passed (the worker was down, Redis was emptied): only
 *   the latest of them, and only if it has not fired yet — one late reminder, not a burst;
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
    const reminders = reminderHours
      .map((hours) => ({ step: reminderStep(hours), at: due - hours * HOUR_MS }))
      .filter((reminder) => reminder.at > deadline.startedAt.getTime())
      .sort((a, b) => a.at - b.at);
    const past = reminders.filter((reminder) => reminder.at <= now);
    const latestPast = past[past.length - 1];
    if (latestPast && !fired.has(latestPast.step)) steps.push(latestPast);
    for (const reminder of reminders) {
      if (reminder.at > now && !fired.has(reminder.step)) steps.push(reminder);
    }
  }
  if (!fired.has(DUE_STEP)) steps.push({ step: DUE_STEP, at: due });
  else if (deadline.awaitsExpiryEvent) steps.push({ step: DUE_STEP, at: now });
  return steps;
}
