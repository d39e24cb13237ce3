export * from './repatriation.events';
export * from './repatriation.state';
export * from './repatriation.decider';
export * from './repatriation.read-rules';
