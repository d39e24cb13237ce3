import { caseCommandAnswer } from '../../http/track-routes';

/** The OpenAPI prose of repatriation's routes (repatriation.commands.ts): their answer and descriptions. */
export const REPATRIATION_OPENAPI = {
  name: 'RepatriationController',
  tag: 'repatriation',
  response: caseCommandAnswer(
    'New revision (also as ETag) and the global position of the event, for minPosition on reads',
    3,
    '57',
  ),
  descriptions: {
    request:
      'Refused with 422 repatriation-needs-voluntary-consent without consent; 409 ' +
      'no-repatriation-during-reflection-period while a reflection period is active (unless the person asked to ' +
      'end it); 409 repatriation-already-open while another is open.',
    assessRisk: 'The latest assessment counts: a high risk not mitigated blocks scheduling and completion.',
    schedule:
      'Needs the voluntary consent, a risk assessment (409 schedule-needs-risk-assessment) that is not an ' +
      'unmitigated high risk (409 high-risk-not-mitigated) and travel documents (409 ' +
      'schedule-needs-travel-documents); the travel date may not lie in the past (422 travel-date-not-in-past).',
    complete:
      'Only a scheduled repatriation (409 repatriation-not-scheduled); arrivedOn not in the future (422 ' +
      'arrival-not-in-future) and not before the scheduled travel date (422 arrival-not-before-travel). The case ' +
      'moves to stage repatriation.',
  },
};
