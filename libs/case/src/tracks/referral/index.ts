export * from './referral.events';
export * from './referral.state';
export * from './referral.decider';
export * from './referral.read-rules';
