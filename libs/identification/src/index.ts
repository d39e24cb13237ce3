export * from './identification.module';
