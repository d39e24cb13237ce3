export { addWorkingDays, azerbaijanCalendar } from './working-days';
