import { caseCommandAnswer } from '../../http/track-routes';

/** The OpenAPI prose of the referral's routes (referral.commands.ts): their answer and descriptions. */
export const REFERRAL_OPENAPI = {
  name: 'ReferralController',
  tag: 'cases',
  response: caseCommandAnswer(
    'New revision (also as ETag) and the global position of the event, to pass as minPosition on reads',
    1,
    '43',
  ),
  descriptions: {
    refer:
      'A case is referred once. An adult is referred only with consent to referral (422 referral-needs-consent); ' +
      'a child is referred without it, in the best interests of the child. 409 already-referred for a second ' +
      'referral. The case moves to the referral stage.',
    decide:
      'Granted: with the decision number and date; the status becomes victim. Refused: with at least one reason; ' +
      'the status becomes not-a-victim. No decision before the referral (409 decision-needs-referral); one ' +
      'decision at a time: another only after a review of a refusal was requested (409 already-decided). ' +
      'decidedOn is not in the future (422 decision-date-not-in-future).',
    requestReview:
      'Only a refusal can be reviewed (409 review-needs-refusal), and one review at a time (409 review-pending). ' +
      'The status is presumed victim again and the competent authority may decide anew.',
  },
};
