export * from './reintegration.module';
export * from './application/reintegration-event-types';
export * from './read-models/reintegration.read-model';
