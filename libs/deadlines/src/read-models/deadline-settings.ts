import type { Environment } from '@nrm/platform';
import type { DeadlineSettings } from '../domain/deadline-rules';
import { azerbaijanCalendar } from '../domain/working-days';

/** The settings the deadlines depend on, from the validated environment. */
export type DeadlineVariables = Pick<
  Environment,
  | 'HAND_OVER_HOURS'
  | 'STATUS_DECISION_WORKING_DAYS'
  | 'CHILD_PROTECTION_NOTICE_HOURS'
  | 'SHELTER_ANSWER_HOURS'
  | 'SHELTER_STAY_DAYS'
  | 'EXTRA_PUBLIC_HOLIDAYS'
>;

export function deadlineSettingsOf(env: DeadlineVariables): DeadlineSettings {
  return {
    handOverHours: env.HAND_OVER_HOURS,
    statusDecisionWorkingDays: env.STATUS_DECISION_WORKING_DAYS,
    childProtectionNoticeHours: env.CHILD_PROTECTION_NOTICE_HOURS,
    shelterAnswerHours: env.SHELTER_ANSWER_HOURS,
    shelterStayDays: env.SHELTER_STAY_DAYS,
    calendar: azerbaijanCalendar(env.EXTRA_PUBLIC_HOLIDAYS),
  };
}
