import {
  BooleanParam,
  CALENDAR_DATE,
  FreeText,
  ORGANISATION_ID,
  PageParam,
  PageSizeParam,
  ReadYourWritesDto,
} from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SHELTER_ACCEPTS } from '../domain/shelter.events';
import { MAX_BEDS, MIN_BEDS } from '../domain/shelter.decider';

export class RegisterShelterDto {
  @ApiProperty({ example: 'Bakı Qadın Sığınacağı' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 'ngo-tamas',
    description: 'The organisation that runs the shelter; its shelter staff answer placement requests.',
  })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'operatorOrgId must be an organisation id such as ngo-tamas' })
  operatorOrgId!: string;

  @ApiProperty({ example: 'Bakı' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region!: string;

  @ApiProperty({ example: 20, minimum: MIN_BEDS, maximum: MAX_BEDS })
  @IsInt()
  @Min(MIN_BEDS)
  @Max(MAX_BEDS)
  beds!: number;

  @ApiProperty({ enum: SHELTER_ACCEPTS, isArray: true, example: ['women', 'children'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'accepts needs at least one of women, men, children' })
  @ArrayMaxSize(SHELTER_ACCEPTS.length)
  @ArrayUnique()
  @IsIn(SHELTER_ACCEPTS, { each: true })
  accepts!: (typeof SHELTER_ACCEPTS)[number][];
}

export class ChangeCapacityDto {
  @ApiProperty({ example: 25, minimum: MIN_BEDS, maximum: MAX_BEDS })
  @IsInt()
  @Min(MIN_BEDS)
  @Max(MAX_BEDS)
  beds!: number;

  @ApiProperty({ example: 'A new wing opened' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @FreeText()
  reason!: string;
}

export class ListSheltersDto extends ReadYourWritesDto {
  @ApiPropertyOptional({ example: 'Bakı' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ enum: SHELTER_ACCEPTS, description: 'Only shelters that accept these people.' })
  @IsOptional()
  @IsIn(SHELTER_ACCEPTS)
  accepts?: string;

  @BooleanParam('hasFreeBeds', 'true: only shelters with a free bed; false: only full ones.')
  hasFreeBeds?: boolean;

  @PageParam()
  page = 1;

  @PageSizeParam({ defaultSize: 50, max: 200 })
  pageSize = 50;
}

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
  @ApiProperty({ example: 'No bed suited to a wheelchair', description: 'Personal data: kept off the timeline.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @FreeText()
  reason!: string;
}

export class CheckOutPlacementDto {
  @ApiProperty({ example: 'Moved in with family', description: 'Personal data: kept off the timeline.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @FreeText()
  reason!: string;

  @ApiProperty({ example: '2026-11-21', description: 'The day the person left, YYYY-MM-DD (may be in the past).' })
  @Matches(CALENDAR_DATE, { message: 'date must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date!: string;
}

/** Commands without a body: any field sent is refused as unknown. */
export class NoBodyDto {}
