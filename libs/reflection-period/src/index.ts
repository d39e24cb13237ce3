export * from './reflection-period.module';
export * from './application/reflection-period-event-types';
export * from './read-models/reflection-period.read-model';
