export * from './deadlines.module';
export * from './scheduling/deadline-scheduler.module';
export * from './read-models/deadline-read-models';
export * from './scheduling/deadline-jobs';
export type { NotificationPage, NotificationView } from './notifications/notification-inbox';
export * from './notifications/role-notification';
export { jobIdOf, parseReminderHours, plannedSteps } from './scheduling/deadline-steps';
