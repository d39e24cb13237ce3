export * from './projection';
export * from './projection-runner';
export * from './projection-progress';
export * from './projection-admin';
