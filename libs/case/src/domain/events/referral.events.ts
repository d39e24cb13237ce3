/** Events of the referral context on the case stream (filled in by that context). */
export type ReferralEvent = never;
