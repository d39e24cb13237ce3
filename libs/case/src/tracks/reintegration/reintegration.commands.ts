import { CALENDAR_DATE, commandController, commandRoute, FreeText, givenFields } from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REINTEGRATION_DOMAINS, REINTEGRATION_OUTCOMES, REINTEGRATION_PROGRESS } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { trackRoutes } from '../../http/track-routes';
import { reintegrationDecider } from './reintegration.decider';
import { REINTEGRATION_OPENAPI } from './reintegration.openapi';

export class ReintegrationGoalDto {
  @ApiProperty({ enum: REINTEGRATION_DOMAINS, example: 'education' })
  @IsIn(REINTEGRATION_DOMAINS)
  domain!: (typeof REINTEGRATION_DOMAINS)[number];

  @ApiProperty({ example: 'Return to school for the spring term', description: 'The goal; no personal particulars.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @FreeText()
  description!: string;

  @ApiPropertyOptional({ example: '2027-02-01', description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'targetDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'targetDate must be a real calendar date' })
  targetDate?: string;
}

export class AdoptReintegrationPlanDto {
  @ApiProperty({ type: ReintegrationGoalDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'goals needs at least one goal' })
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each goal must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ReintegrationGoalDto)
  goals!: ReintegrationGoalDto[];

  @ApiPropertyOptional({ example: 90, description: 'Days between reviews (default 90).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  reviewEveryDays?: number;
}

export class RecordReintegrationServiceDto {
  @ApiProperty({ enum: REINTEGRATION_DOMAINS, example: 'education', description: 'One of the plan’s goal domains.' })
  @IsIn(REINTEGRATION_DOMAINS)
  domain!: (typeof REINTEGRATION_DOMAINS)[number];

  @ApiProperty({ example: 'ngo-clean-world', description: 'The provider organisation that delivered the service.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  providerOrgId!: string;

  @ApiProperty({
    example: 'Enrolled in a vocational sewing course',
    description: "Free text: treated as personal data (encrypted under the case's key, erased with the person's data).",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @FreeText()
  description!: string;

  @ApiProperty({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'deliveredOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'deliveredOn must be a real calendar date' })
  deliveredOn!: string;
}

export class ReviewReintegrationDto {
  @ApiProperty({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future, not before the plan.' })
  @Matches(CALENDAR_DATE, { message: 'reviewedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'reviewedOn must be a real calendar date' })
  reviewedOn!: string;

  @ApiProperty({ enum: REINTEGRATION_PROGRESS, example: 'on-track' })
  @IsIn(REINTEGRATION_PROGRESS)
  progress!: (typeof REINTEGRATION_PROGRESS)[number];

  @ApiPropertyOptional({
    example: 'Attends school regularly.',
    description: "Free text: treated as personal data (encrypted under the case's key, erased with the person's data).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @FreeText()
  notes?: string;
}

export class CompleteReintegrationDto {
  @ApiProperty({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future, not before the plan.' })
  @Matches(CALENDAR_DATE, { message: 'completedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'completedOn must be a real calendar date' })
  completedOn!: string;

  @ApiProperty({ enum: REINTEGRATION_OUTCOMES, example: 'reintegrated' })
  @IsIn(REINTEGRATION_OUTCOMES)
  outcome!: (typeof REINTEGRATION_OUTCOMES)[number];
}

const reintegration = trackRoutes(reintegrationDecider);
const adoption = (body: AdoptReintegrationPlanDto) => ({
  type: 'AdoptReintegrationPlan' as const,
  ...givenFields(body),
  goals: body.goals.map(givenFields),
});

/** Reintegration (DESIGN §3.6): an individual plan, services, periodic reviews, completion. */
export const ReintegrationController = commandController({
  name: 'ReintegrationController',
  prefix: 'cases/:id',
  tag: 'reintegration',
  roles: TRACK_COMMAND_ROLES,
  ...REINTEGRATION_OPENAPI,
  routes: {
    adoptPlan: commandRoute({
      name: 'AdoptReintegrationPlan',
      path: 'reintegration-plan',
      body: AdoptReintegrationPlanDto,
      summary: 'Adopt the individual reintegration plan: goals by domain, reviewed every N days',
      gate: ({ id, body }) => ({ caseId: id, command: adoption(body) }),
      execute: reintegration.onCase(adoption),
    }),
    recordService: reintegration.commandRoute({
      name: 'RecordReintegrationService',
      path: 'reintegration/services',
      body: RecordReintegrationServiceDto,
      summary: 'Record a service delivered by a provider organisation',
    }),
    review: reintegration.commandRoute({
      name: 'ReviewReintegration',
      path: 'reintegration/reviews',
      body: ReviewReintegrationDto,
      summary: 'Record a periodic review of the plan',
    }),
    complete: reintegration.commandRoute({
      name: 'CompleteReintegration',
      path: 'reintegration/complete',
      body: CompleteReintegrationDto,
      summary: 'Complete the reintegration plan with its outcome',
    }),
  },
});
