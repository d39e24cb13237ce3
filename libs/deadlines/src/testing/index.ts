export { shippedDeadlineSettings } from './deadline-settings';
