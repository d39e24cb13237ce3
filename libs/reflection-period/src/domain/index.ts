export { reflectionPeriodDecider } from './reflection-period.decider';
export type { ExpireReflectionPeriod } from './reflection-period.decider';
