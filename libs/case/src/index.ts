export * from './domain';
export * from './case.module';
export * from './read-models/case-summaries.projection';
export * from './read-models/case-timeline.projection';
export * from './read-models/case-summary.entity';
export * from './read-models/case-timeline-entry.entity';
export { CASE_READER_ROLES, visibleDeadlinesCondition } from './application/case-access';
export { CaseCommands } from './application/case-commands';
