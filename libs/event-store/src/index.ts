export * from './event-store.port';
export * from './event-codec';
export * from './storable-text';
export * from './personal-data';
export * from './postgres/postgres-event-store';
export * from './esdb/esdb-event-store';
export * from './handle-command';
export * from './sleep';
