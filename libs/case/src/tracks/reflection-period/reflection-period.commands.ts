import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { onVisibleCase } from '../../application/case-command';
import { commandController, commandRoute, givenFields } from '@nrm/platform/http/command-routes';
import { startReflectionPeriod } from './reflection-period.application';
import { reflectionPeriodDecider } from './reflection-period.decider';
import { EndReflectionPeriodDto, ExtendReflectionPeriodDto, StartReflectionPeriodDto } from './reflection-period.dto';

const reflectionPeriodCommand = onVisibleCase(reflectionPeriodDecider);
const response = {
  description: 'New revision and position',
  example: { caseId: '7a1c…', revision: 4, position: '58' },
};

export const ReflectionPeriodController = commandController(
  'ReflectionPeriodController',
  'cases',
  'reflection period',
  {
    start: commandRoute({
      name: 'StartReflectionPeriod',
      path: ':id/reflection-period',
      roles: TRACK_COMMAND_ROLES,
      body: StartReflectionPeriodDto,
      summary: 'Start a reflection period',
      description:
        'Starts a period of recovery and reflection for the presumed victim (default length: the configured ' +
        'REFLECTION_PERIOD_DAYS, at least 30 days). The start may be recorded late with its real time; a period ' +
        'whose end is already past is simply due. One active period at a time: 409 one-active-reflection-period. ' +
        'Fewer than 30 days: 422 reflection-period-minimum. A start in the future: 422 ' +
        'reflection-period-start-not-in-future.',
      response: {
        description: 'Started: the new period, revision and position',
        example: { caseId: '7a1c…', periodId: '0b6f…', revision: 3, position: '57' },
      },
      execute: startReflectionPeriod,
    }),
    extend: commandRoute({
      name: 'ExtendReflectionPeriod',
      path: ':id/reflection-period/extension',
      roles: TRACK_COMMAND_ROLES,
      body: ExtendReflectionPeriodDto,
      summary: 'Extend the active reflection period',
      description:
        'Adds days (1 to 365) to the active period, with a reason. Without an active period: 409 ' +
        'no-active-reflection-period.',
      response,
      execute: reflectionPeriodCommand((body: ExtendReflectionPeriodDto) => ({
        type: 'ExtendReflectionPeriod',
        ...givenFields(body),
      })),
    }),
    end: commandRoute({
      name: 'EndReflectionPeriod',
      path: ':id/reflection-period/end',
      roles: TRACK_COMMAND_ROLES,
      body: EndReflectionPeriodDto,
      summary: 'End the active reflection period early',
      description:
        'Ends the active period with its outcome: cooperating with the investigation, chose to return (then ' +
        'repatriation may proceed: the person asked for it), or other. Without an active period: 409 ' +
        'no-active-reflection-period.',
      response: { ...response, example: { caseId: '7a1c…', revision: 5, position: '59' } },
      execute: reflectionPeriodCommand((body: EndReflectionPeriodDto) => ({
        type: 'EndReflectionPeriod',
        ...givenFields(body),
      })),
    }),
  },
);
