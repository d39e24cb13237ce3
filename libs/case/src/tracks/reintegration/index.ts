export * from './reintegration.events';
export * from './reintegration.state';
export * from './reintegration.decider';
export * from './reintegration.read-rules';
