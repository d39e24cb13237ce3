import { FreeText, commandController, commandRoute, givenFields } from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { REFLECTION_PERIOD_OUTCOMES, type ReflectionPeriodOutcome } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { onVisibleCase } from '../../application/case-command';
import { startReflectionPeriod } from './reflection-period.application';
import { reflectionPeriodDecider } from './reflection-period.decider';

export class StartReflectionPeriodDto {
  @ApiPropertyOptional({
    example: '2026-11-20T09:00:00+04:00',
    description:
      'When the period began, with a time zone. Default: now. May lie in the past when recorded late (the ' +
      'period then falls due accordingly, even at once); never more than 5 minutes in the future.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'startedAt must include a time and a time zone' })
  startedAt?: string;

  @ApiPropertyOptional({
    example: 30,
    description:
      'Length in days. Default: the configured REFLECTION_PERIOD_DAYS (30). Fewer than 30 is refused with 422 ' +
      'reflection-period-minimum (Council of Europe Convention art. 13).',
    minimum: 1,
    maximum: 365,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class ExtendReflectionPeriodDto {
  @ApiProperty({ example: 15, minimum: 1, maximum: 365, description: 'Days added to the active period.' })
  @IsInt()
  @Min(1)
  @Max(365)
  days!: number;

  @ApiProperty({
    example: 'Medical treatment continues',
    description:
      "Why the period is extended; shown in the timeline details. Free text: treated as personal data (encrypted under the case's key, erased with the person's data).",
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MinLength(1)
  @MaxLength(500)
  @FreeText()
  reason!: string;
}

export class EndReflectionPeriodDto {
  @ApiProperty({ enum: REFLECTION_PERIOD_OUTCOMES, example: 'cooperating-with-investigation' })
  @IsIn(REFLECTION_PERIOD_OUTCOMES)
  outcome!: ReflectionPeriodOutcome;

  @ApiPropertyOptional({
    example: 'Agreed to give a statement to the prosecutor',
    description: "Free text: treated as personal data (encrypted under the case's key, erased with the person's data).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @FreeText()
  note?: string;
}

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
