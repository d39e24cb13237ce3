export * from './reflection-period.module';
