export * from './reflection-period.events';
export * from './reflection-period.state';
export * from './reflection-period.decider';
export * from './reflection-period.read-rules';
