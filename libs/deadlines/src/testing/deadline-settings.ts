import type { DeadlineSettings } from '../domain/deadline-rules';
import { azerbaijanCalendar } from '../domain/working-days';

/** The deadlines' lengths as shipped (DESIGN §3), on Azerbaijan's working-day calendar. */
export const shippedDeadlineSettings: DeadlineSettings = {
  handOverHours: 24,
  statusDecisionWorkingDays: 5,
  childProtectionNoticeHours: 24,
  shelterAnswerHours: 24,
  shelterStayDays: 30,
  calendar: azerbaijanCalendar(),
};
