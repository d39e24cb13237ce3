export * from './shelter.module';
export * from './application/shelter-event-types';
export * from './read-models/shelter.read-model';
export * from './read-models/shelter-read-models';
