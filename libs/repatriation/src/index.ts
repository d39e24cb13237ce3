export * from './repatriation.module';
