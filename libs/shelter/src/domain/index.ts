export type { PlacementCheckedIn, PlacementRequested } from './shelter.events';
