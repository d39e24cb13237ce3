export * from './domain/shelter.events';
export * from './shelter.module';
export * from './read-models/shelter.read-model';
export * from './read-models/shelter-read-models';
export { PlacementLocationEntity } from './application/placement-location.entity';
export { PlacementLocator } from './application/placement-locator';
export { shelterStreamName } from './application/shelter-commands';
