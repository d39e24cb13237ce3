export { addWorkingDays, azerbaijanCalendar } from './working-days';
export { DEADLINE_KINDS } from './deadline-rules';
