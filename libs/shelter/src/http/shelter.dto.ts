import { Field, Paged, ReadYourWritesDto } from '@nrm/platform/http';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID, Matches, MaxLength } from 'class-validator';
import { SHELTER_ACCEPTS } from '../domain/shelter.events';
import { MAX_BEDS, MIN_BEDS } from '../domain/shelter.decider';

const PERSONAL_REASON = 'Personal data: kept off the timeline.';

export class RegisterShelterDto {
  @Field.text({ max: 200, example: 'Bakı Qadın Sığınacağı' })
  name!: string;

  @Field.organisationId({
    example: 'ngo-tamas',
    description: 'The organisation that runs the shelter; its shelter staff answer placement requests.',
  })
  operatorOrgId!: string;

  @Field.text({ max: 100, example: 'Bakı' })
  region!: string;

  @Field.integer({ min: MIN_BEDS, max: MAX_BEDS, example: 20 })
  beds!: number;

  @Field.listOf(SHELTER_ACCEPTS, {
    example: ['women', 'children'],
    atLeastOne: 'accepts needs at least one of women, men, children',
  })
  accepts!: (typeof SHELTER_ACCEPTS)[number][];
}

export class ChangeCapacityDto {
  @Field.integer({ min: MIN_BEDS, max: MAX_BEDS, example: 25 })
  beds!: number;

  @Field.text({ max: 500, freeText: true, example: 'A new wing opened' })
  reason!: string;
}

class ShelterListFilters extends ReadYourWritesDto {
  @Field.text({ optional: true, max: 100, min: 0, example: 'Bakı' })
  region?: string;

  @Field.oneOf(SHELTER_ACCEPTS, { optional: true, description: 'Only shelters that accept these people.' })
  accepts?: string;

  @Field.booleanFilter('hasFreeBeds', 'true: only shelters with a free bed; false: only full ones.')
  hasFreeBeds?: boolean;
}

export class ListSheltersDto extends Paged(ShelterListFilters, { defaultSize: 50, max: 200 }) {}

export class RequestPlacementDto {
  @ApiProperty({ example: '3f0c1d52-8a4e-4b51-9a51-2d8f6f1f2b10', description: 'The shelter (GET /shelters).' })
  @IsUUID()
  shelterId!: string;

  @ApiProperty({
    example: ['medical-care', 'interpreter'],
    description: 'Short codes of what the person needs at the shelter (lowercase words joined by -), no free text.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { each: true, message: 'each need must be a code such as medical-care' })
  @MaxLength(50, { each: true })
  needs!: string[];
}

export class DeclinePlacementDto {
  @Field.text({ max: 1000, freeText: true, example: 'No bed suited to a wheelchair', description: PERSONAL_REASON })
  reason!: string;
}

export class CheckOutPlacementDto {
  @Field.text({ max: 1000, freeText: true, example: 'Moved in with family', description: PERSONAL_REASON })
  reason!: string;

  @Field.calendarDate({
    example: '2026-11-21',
    description: 'The day the person left, YYYY-MM-DD (may be in the past).',
  })
  date!: string;
}
