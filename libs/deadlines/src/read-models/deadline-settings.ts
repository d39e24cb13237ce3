import { Environment, validateEnvironment } from '@nrm/platform/config/environment';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { DeadlineSettings } from '../domain/deadline-rules';
import { azerbaijanCalendar } from '../domain/working-days';

const DEADLINE_VARIABLES = [
  'HAND_OVER_HOURS',
  'STATUS_DECISION_WORKING_DAYS',
  'CHILD_PROTECTION_NOTICE_HOURS',
  'SHELTER_ANSWER_HOURS',
  'SHELTER_STAY_DAYS',
  'EXTRA_PUBLIC_HOLIDAYS',
] as const;

export function deadlineSettingsOf(env: Pick<Environment, (typeof DEADLINE_VARIABLES)[number]>): DeadlineSettings {
  return {
    handOverHours: env.HAND_OVER_HOURS,
    statusDecisionWorkingDays: env.STATUS_DECISION_WORKING_DAYS,
    childProtectionNoticeHours: env.CHILD_PROTECTION_NOTICE_HOURS,
    shelterAnswerHours: env.SHELTER_ANSWER_HOURS,
    shelterStayDays: env.SHELTER_STAY_DAYS,
    calendar: azerbaijanCalendar(env.EXTRA_PUBLIC_HOLIDAYS),
  };
}

/**
 * The deadline settings from the environment, through validateEnvironment. A process that starts
 * validates its whole environment first; a caller without one (a test or tool that builds the
 * projections directly, with no AUTH_JWT_SECRET) still gets the deadline settings validated alone,
 * so a bad deadline setting is refused there too.
 */
export function deadlineSettingsFromEnvironment(raw: Record<string, unknown> = process.env): DeadlineSettings {
  try {
    return deadlineSettingsOf(validateEnvironment(raw));
  } catch (error) {
    const defined = Object.fromEntries(
      DEADLINE_VARIABLES.filter((name) => raw[name] !== undefined && raw[name] !== '').map((name) => [name, raw[name]]),
    );
    const env = plainToInstance(Environment, defined, { exposeDefaultValues: true });
    const problems = validateSync(env).filter((e) => (DEADLINE_VARIABLES as readonly string[]).includes(e.property));
    if (problems.length > 0) throw error;
    return deadlineSettingsOf(env);
  }
}
