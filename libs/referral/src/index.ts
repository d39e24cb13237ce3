export * from './referral.module';
