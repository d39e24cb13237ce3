export * from './identification.events';
export * from './identification.decider';
export * from './identification.read-rules';
export * from './indicator-catalogue/indicator-catalogue';
export * from './indicator-catalogue/screening';
