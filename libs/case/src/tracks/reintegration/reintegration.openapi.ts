import { caseCommandAnswer } from '../../http/track-routes';

/** The OpenAPI prose of reintegration's routes (reintegration.commands.ts): their answer and descriptions. */
export const REINTEGRATION_OPENAPI = {
  name: 'ReintegrationController',
  tag: 'reintegration',
  response: caseCommandAnswer(
    'New revision (also as ETag) and the global position of the event, for minPosition on reads',
    5,
    '81',
  ),
  descriptions: {
    adoptPlan:
      'One plan per case (409 plan-exists). The case moves to stage reintegration; the first review falls due ' +
      'reviewEveryDays (default 90) after adoption and shows as the next deadline. Where the country puts ' +
      'the adoption under approval (AdoptReintegrationPlan in APPROVAL_REQUIRED_COMMANDS, the default), a ' +
      "caller who is neither a coordinator nor a supervisor of the case's organisation gets 202: the plan is " +
      'checked as above and recorded as an approval request; it is adopted (dated) when approved.',
    recordService:
      'Needs a plan (409 needs-reintegration-plan) and a domain among its goals (422 service-outside-plan).',
    review: 'Needs a plan (409 needs-reintegration-plan). The next review falls due reviewedOn + reviewEveryDays.',
    complete: 'Needs a plan (409 needs-reintegration-plan) not completed yet (409 reintegration-completed).',
  },
};
