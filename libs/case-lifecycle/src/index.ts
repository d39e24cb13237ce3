export * from './case-lifecycle.module';
