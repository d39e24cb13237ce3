export * from './clock';
export * from './decider';
export * from './domain-rule-violation';
export * from './actor';
export * from './calendar-days';
export * from './application-errors';
export * from './event-definitions';
export * from './not-in-future';
