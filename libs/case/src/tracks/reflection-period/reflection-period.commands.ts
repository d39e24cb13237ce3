import { commandController, commandRoute, Field } from '@nrm/platform/http';
import { REFLECTION_PERIOD_OUTCOMES, type ReflectionPeriodOutcome } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { PERSONAL_FREE_TEXT, trackRoutes } from '../../http/track-routes';
import { startReflectionPeriod } from './reflection-period.application';
import { reflectionPeriodDecider } from './reflection-period.decider';
import { REFLECTION_PERIOD_OPENAPI } from './reflection-period.openapi';

export class StartReflectionPeriodDto {
  @Field.dateTime({
    optional: true,
    example: '2026-11-20T09:00:00+04:00',
    description:
      'When the period began, with a time zone. Default: now. May lie in the past when recorded late (the ' +
      'period then falls due accordingly, even at once); never more than 5 minutes in the future.',
  })
  startedAt?: string;

  @Field.integer({
    optional: true,
    min: 1,
    max: 365,
    example: 30,
    description:
      'Length in days. Default: the configured REFLECTION_PERIOD_DAYS (30). Fewer than 30 is refused with 422 ' +
      'reflection-period-minimum (Council of Europe Convention art. 13).',
  })
  days?: number;
}

export class ExtendReflectionPeriodDto {
  @Field.integer({ min: 1, max: 365, example: 15, description: 'Days added to the active period.' })
  days!: number;

  @Field.text({
    max: 500,
    nonBlank: true,
    freeText: true,
    example: 'Medical treatment continues',
    description: `Why the period is extended; shown in the timeline details. ${PERSONAL_FREE_TEXT}`,
  })
  reason!: string;
}

export class EndReflectionPeriodDto {
  @Field.oneOf(REFLECTION_PERIOD_OUTCOMES, { example: 'cooperating-with-investigation' })
  outcome!: ReflectionPeriodOutcome;

  @Field.text({
    optional: true,
    max: 500,
    min: 0,
    freeText: true,
    example: 'Agreed to give a statement to the prosecutor',
    description: PERSONAL_FREE_TEXT,
  })
  note?: string;
}

const reflectionPeriod = trackRoutes(reflectionPeriodDecider);

export const ReflectionPeriodController = commandController({
  prefix: 'cases',
  roles: TRACK_COMMAND_ROLES,
  ...REFLECTION_PERIOD_OPENAPI,
  routes: {
    start: commandRoute({
      name: 'StartReflectionPeriod',
      path: ':id/reflection-period',
      body: StartReflectionPeriodDto,
      summary: 'Start a reflection period',
      execute: startReflectionPeriod,
    }),
    extend: reflectionPeriod
      .route('ExtendReflectionPeriod', ':id/reflection-period/extension', ExtendReflectionPeriodDto)
      .summary('Extend the active reflection period'),
    end: reflectionPeriod
      .route('EndReflectionPeriod', ':id/reflection-period/end', EndReflectionPeriodDto)
      .summary('End the active reflection period early'),
  },
});
