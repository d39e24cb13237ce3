import { FreeText, commandController, commandRoute } from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { REFLECTION_PERIOD_OUTCOMES, type ReflectionPeriodOutcome } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { trackRoutes } from '../../http/track-routes';
import { startReflectionPeriod } from './reflection-period.application';
import { reflectionPeriodDecider } from './reflection-period.decider';
import { REFLECTION_PERIOD_OPENAPI } from './reflection-period.openapi';

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

const reflectionPeriod = trackRoutes(reflectionPeriodDecider);

export const ReflectionPeriodController = commandController({
  name: 'ReflectionPeriodController',
  prefix: 'cases',
  tag: 'reflection period',
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
    extend: reflectionPeriod.commandRoute({
      name: 'ExtendReflectionPeriod',
      path: ':id/reflection-period/extension',
      body: ExtendReflectionPeriodDto,
      summary: 'Extend the active reflection period',
    }),
    end: reflectionPeriod.commandRoute({
      name: 'EndReflectionPeriod',
      path: ':id/reflection-period/end',
      body: EndReflectionPeriodDto,
      summary: 'End the active reflection period early',
    }),
  },
});
