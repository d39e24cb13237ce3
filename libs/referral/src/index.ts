export * from './referral.module';
export * from './application/referral-event-types';
export * from './read-models/referral.read-model';
