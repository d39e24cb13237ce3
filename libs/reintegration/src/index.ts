export * from './reintegration.module';
