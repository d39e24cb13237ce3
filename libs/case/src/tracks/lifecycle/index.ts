export * from './case-lifecycle.events';
export * from './case-lifecycle.state';
export * from './case-lifecycle.decider';
export * from './case-lifecycle.read-rules';
