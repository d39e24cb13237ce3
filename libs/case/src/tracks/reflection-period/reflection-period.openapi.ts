import { caseCommandAnswer } from '../../http/track-routes';

/** The OpenAPI prose of the reflection period's routes (reflection-period.commands.ts): answers and descriptions. */
export const REFLECTION_PERIOD_OPENAPI = {
  name: 'ReflectionPeriodController',
  tag: 'reflection period',
  response: caseCommandAnswer('New revision and position', 4, '58'),
  responses: {
    start: {
      description: 'Started: the new period, revision and position',
      example: { caseId: '7a1c…', periodId: '0b6f…', revision: 3, position: '57' },
    },
    end: caseCommandAnswer('New revision and position', 5, '59'),
  },
  descriptions: {
    start:
      'Starts a period of recovery and reflection for the presumed victim (default length: the configured ' +
      'REFLECTION_PERIOD_DAYS, at least 30 days). The start may be recorded late with its real time; a period ' +
      'whose end is already past is simply due. One active period at a time: 409 one-active-reflection-period. ' +
      'Fewer than 30 days: 422 reflection-period-minimum. A start in the future: 422 ' +
      'reflection-period-start-not-in-future.',
    extend:
      'Adds days (1 to 365) to the active period, with a reason. Without an active period: 409 ' +
      'no-active-reflection-period.',
    end:
      'Ends the active period with its outcome: cooperating with the investigation, chose to return (then ' +
      'repatriation may proceed: the person asked for it), or other. Without an active period: 409 ' +
      'no-active-reflection-period.',
  },
};
