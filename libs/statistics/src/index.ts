export * from './statistics.module';
export * from './domain/dimensions';
export * from './domain/suppression';
export * from './domain/ctdc-csv';
