export * from './case-rules';
export * from './case-state';
export * from './case-stream';
export * from './case-vocabulary';
export * from './case.events';
