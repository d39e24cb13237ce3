import { commandController, commandRoute, Field, givenFields } from '@nrm/platform/http';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { REINTEGRATION_DOMAINS, REINTEGRATION_OUTCOMES, REINTEGRATION_PROGRESS } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { PERSONAL_FREE_TEXT, trackRoutes } from '../../http/track-routes';
import { reintegrationDecider } from './reintegration.decider';
import { REINTEGRATION_OPENAPI } from './reintegration.openapi';

export class ReintegrationGoalDto {
  @Field.oneOf(REINTEGRATION_DOMAINS, { example: 'education' })
  domain!: (typeof REINTEGRATION_DOMAINS)[number];

  @Field.text({
    max: 1000,
    freeText: true,
    example: 'Return to school for the spring term',
    description: 'The goal; no personal particulars.',
  })
  description!: string;

  @Field.calendarDate({ optional: true, example: '2027-02-01', description: 'YYYY-MM-DD.' })
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

  @Field.integer({ optional: true, min: 1, max: 366, example: 90, description: 'Days between reviews (default 90).' })
  reviewEveryDays?: number;
}

export class RecordReintegrationServiceDto {
  @Field.oneOf(REINTEGRATION_DOMAINS, { example: 'education', description: 'One of the plan’s goal domains.' })
  domain!: (typeof REINTEGRATION_DOMAINS)[number];

  @Field.text({
    max: 100,
    example: 'ngo-clean-world',
    description: 'The provider organisation that delivered the service.',
  })
  providerOrgId!: string;

  @Field.text({
    max: 1000,
    freeText: true,
    example: 'Enrolled in a vocational sewing course',
    description: PERSONAL_FREE_TEXT,
  })
  description!: string;

  @Field.calendarDate({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future.' })
  deliveredOn!: string;
}

export class ReviewReintegrationDto {
  @Field.calendarDate({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future, not before the plan.' })
  reviewedOn!: string;

  @Field.oneOf(REINTEGRATION_PROGRESS, { example: 'on-track' })
  progress!: (typeof REINTEGRATION_PROGRESS)[number];

  @Field.text({
    optional: true,
    max: 2000,
    min: 0,
    freeText: true,
    example: 'Attends school regularly.',
    description: PERSONAL_FREE_TEXT,
  })
  notes?: string;
}

export class CompleteReintegrationDto {
  @Field.calendarDate({ example: '2026-11-21', description: 'YYYY-MM-DD; not in the future, not before the plan.' })
  completedOn!: string;

  @Field.oneOf(REINTEGRATION_OUTCOMES, { example: 'reintegrated' })
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
  prefix: 'cases/:id',
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
    recordService: reintegration
      .route('RecordReintegrationService', 'reintegration/services', RecordReintegrationServiceDto)
      .summary('Record a service delivered by a provider organisation'),
    review: reintegration
      .route('ReviewReintegration', 'reintegration/reviews', ReviewReintegrationDto)
      .summary('Record a periodic review of the plan'),
    complete: reintegration
      .route('CompleteReintegration', 'reintegration/complete', CompleteReintegrationDto)
      .summary('Complete the reintegration plan with its outcome'),
  },
});
