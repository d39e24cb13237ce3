export * from './domain';
export * from './case.module';
export * from './read-models/case-summaries.projection';
export * from './read-models/case-timeline.projection';
export * from './read-models/case-summary.entity';
export * from './read-models/case-timeline-entry.entity';
export * from './tracks/tracks.module';
export * from './tracks/lifecycle/case-placements';
export { expireReflectionPeriod } from './tracks/reflection-period/reflection-period.application';
