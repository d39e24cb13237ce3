export * from './domain/shelter.events';
export * from './shelter.module';
export * from './read-models/shelter.read-model';
export * from './read-models/shelter-read-models';
