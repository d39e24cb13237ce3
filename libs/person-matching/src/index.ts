export * from './person-matching.module';
export * from './application/person-blind-index';
export * from './application/person-matching-event-types';
export * from './read-models/person-links.projection';
