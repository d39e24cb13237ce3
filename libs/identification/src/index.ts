export * from './identification.module';
export * from './application/identification-event-types';
export * from './read-models/identification.read-model';
export { CaseNumbers } from './application/case-numbers';
