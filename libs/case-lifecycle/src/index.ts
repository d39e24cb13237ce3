export * from './case-lifecycle.module';
export * from './application/case-lifecycle-event-types';
export * from './read-models/case-lifecycle.read-model';
