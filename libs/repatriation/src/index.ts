export * from './repatriation.module';
export * from './application/repatriation-event-types';
export * from './read-models/repatriation.read-model';
