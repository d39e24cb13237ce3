export * from './case-rules';
export * from './case-stream';
export * from './case-vocabulary';
export * from '../tracks';
