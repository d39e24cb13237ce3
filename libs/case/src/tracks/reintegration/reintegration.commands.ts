import { FreeText, commandController, commandRoute, givenFields } from '@nrm/platform/http';
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
import { onVisibleCase } from '../../application/case-command';
import { reintegrationDecider } from './reintegration.decider';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
  @Matches(DATE, { message: 'targetDate must be a date as YYYY-MM-DD' })
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
  @Matches(DATE, { message: 'deliveredOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'deliveredOn must be a real calendar date' })
  deliveredOn!: string;
}

export class ReviewReintegrationDto {
  @ApiProperty({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future, not before the plan.' })
  @Matches(DATE, { message: 'reviewedOn must be a date as YYYY-MM-DD' })
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
  @Matches(DATE, { message: 'completedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'completedOn must be a real calendar date' })
  completedOn!: string;

  @ApiProperty({ enum: REINTEGRATION_OUTCOMES, example: 'reintegrated' })
  @IsIn(REINTEGRATION_OUTCOMES)
  outcome!: (typeof REINTEGRATION_OUTCOMES)[number];
}

const reintegrationCommand = onVisibleCase(reintegrationDecider);
const response = {
  description: 'New revision (also as ETag) and the global position of the event, for minPosition on reads',
  example: { caseId: '7a1c…', revision: 5, position: '81' },
};

const adoption = (body: AdoptReintegrationPlanDto) => ({
  type: 'AdoptReintegrationPlan' as const,
  ...givenFields(body),
  goals: body.goals.map(givenFields),
});

/** Reintegration (DESIGN §3.6): an individual plan, services, periodic reviews, completion. */
export const ReintegrationController = commandController('ReintegrationController', 'cases/:id', 'reintegration', {
  adoptPlan: commandRoute({
    name: 'AdoptReintegrationPlan',
    path: 'reintegration-plan',
    roles: TRACK_COMMAND_ROLES,
    body: AdoptReintegrationPlanDto,
    summary: 'Adopt the individual reintegration plan: goals by domain, reviewed every N days',
    description:
      'One plan per case (409 plan-exists). The case moves to stage reintegration; the first review falls due ' +
      'reviewEveryDays (default 90) after adoption and shows as the next deadline. Where the country puts ' +
      'the adoption under approval (AdoptReintegrationPlan in APPROVAL_REQUIRED_COMMANDS, the default), a ' +
      "caller who is neither a coordinator nor a supervisor of the case's organisation gets 202: the plan is " +
      'checked as above and recorded as an approval request; it is adopted (dated) when approved.',
    response,
    gate: ({ id, body }) => ({ caseId: id, command: adoption(body) }),
    execute: reintegrationCommand(adoption),
  }),
  recordService: commandRoute({
    name: 'RecordReintegrationService',
    path: 'reintegration/services',
    roles: TRACK_COMMAND_ROLES,
    body: RecordReintegrationServiceDto,
    summary: 'Record a service delivered by a provider organisation',
    description: 'Needs a plan (409 needs-reintegration-plan) and a domain among its goals (422 service-outside-plan).',
    response,
    execute: reintegrationCommand((body: RecordReintegrationServiceDto) => ({
      type: 'RecordReintegrationService',
      ...givenFields(body),
    })),
  }),
  review: commandRoute({
    name: 'ReviewReintegration',
    path: 'reintegration/reviews',
    roles: TRACK_COMMAND_ROLES,
    body: ReviewReintegrationDto,
    summary: 'Record a periodic review of the plan',
    description: 'Needs a plan (409 needs-reintegration-plan). The next review falls due reviewedOn + reviewEveryDays.',
    response,
    execute: reintegrationCommand((body: ReviewReintegrationDto) => ({
      type: 'ReviewReintegration',
      ...givenFields(body),
    })),
  }),
  complete: commandRoute({
    name: 'CompleteReintegration',
    path: 'reintegration/complete',
    roles: TRACK_COMMAND_ROLES,
    body: CompleteReintegrationDto,
    summary: 'Complete the reintegration plan with its outcome',
    description: 'Needs a plan (409 needs-reintegration-plan) not completed yet (409 reintegration-completed).',
    response,
    execute: reintegrationCommand((body: CompleteReintegrationDto) => ({
      type: 'CompleteReintegration',
      ...givenFields(body),
    })),
  }),
});
