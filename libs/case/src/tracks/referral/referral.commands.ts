import { onVisibleCase } from '../../application/case-command';
import { commandController, commandRoute, givenFields } from '@nrm/platform/http/command-routes';
import { referralDecider } from './referral.decider';
import { ReferCaseDto, StatusDecisionDto, StatusDecisionReviewDto } from './referral.dto';

const referralCommand = onVisibleCase(referralDecider);

const COMMAND_RESULT = {
  description: 'New revision (also as ETag) and the global position of the event, to pass as minPosition on reads',
  example: { caseId: '7a1c…', revision: 1, position: '43' },
};

const referCase = commandRoute({
  name: 'ReferCase',
  path: ':id/referral',
  roles: ['first-responder', 'case-worker', 'coordinator'],
  body: ReferCaseDto,
  summary: 'Refer the presumed victim to the competent authority',
  description:
    'A case is referred once. An adult is referred only with consent to referral (422 referral-needs-consent); ' +
    'a child is referred without it, in the best interests of the child. 409 already-referred for a second ' +
    'referral. The case moves to the referral stage.',
  response: COMMAND_RESULT,
  execute: referralCommand((body: ReferCaseDto) => ({ type: 'ReferCase', ...givenFields(body) })),
});

const decideVictimStatus = commandRoute({
  name: 'DecideVictimStatus',
  path: ':id/status-decision',
  roles: ['competent-authority-officer'],
  body: StatusDecisionDto,
  summary: 'The competent authority grants or refuses victim status',
  description:
    'Granted: with the decision number and date; the status becomes victim. Refused: with at least one reason; ' +
    'the status becomes not-a-victim. No decision before the referral (409 decision-needs-referral); one ' +
    'decision at a time: another only after a review of a refusal was requested (409 already-decided). ' +
    'decidedOn is not in the future (422 decision-date-not-in-future).',
  response: COMMAND_RESULT,
  execute: referralCommand((body: StatusDecisionDto) =>
    body.decision === 'granted'
      ? {
          type: 'DecideVictimStatus',
          decision: 'granted',
          decisionNumber: body.decisionNumber ?? '',
          decidedOn: body.decidedOn,
        }
      : {
          type: 'DecideVictimStatus',
          decision: 'refused',
          reasons: body.reasons ?? [],
          decidedOn: body.decidedOn,
          ...(body.decisionNumber === undefined ? {} : { decisionNumber: body.decisionNumber }),
        },
  ),
});

const requestStatusDecisionReview = commandRoute({
  name: 'RequestStatusDecisionReview',
  path: ':id/status-decision/review',
  roles: ['case-worker', 'coordinator', 'first-responder', 'competent-authority-officer'],
  body: StatusDecisionReviewDto,
  summary: 'Request a review of a refusal of victim status',
  description:
    'Only a refusal can be reviewed (409 review-needs-refusal), and one review at a time (409 review-pending). ' +
    'The status is presumed victim again and the competent authority may decide anew.',
  response: COMMAND_RESULT,
  execute: referralCommand((body: StatusDecisionReviewDto) => ({
    type: 'RequestStatusDecisionReview',
    ...givenFields(body),
  })),
});

/** Referral to the competent authority and the victim-status decision (DESIGN §3.2). */
export const ReferralController = commandController('ReferralController', 'cases', 'cases', {
  refer: referCase,
  decide: decideVictimStatus,
  requestReview: requestStatusDecisionReview,
});
