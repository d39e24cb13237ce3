import { CALENDAR_DATE, FreeText } from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { EXPLOITATION_TYPES, SEXES, URGENT_NEEDS } from '../../domain';

export class PersonDto {
  @ApiProperty({ example: 'Aysel' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName!: string;

  @ApiProperty({ example: 'Məmmədova' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName!: string;

  @ApiPropertyOptional({ example: '1999-04-12', description: 'YYYY-MM-DD. Give this or estimatedAge.' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 25, description: 'Years, when the date of birth is unknown.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  estimatedAge?: number;

  @ApiProperty({ enum: SEXES, example: 'female' })
  @IsIn(SEXES)
  sex!: (typeof SEXES)[number];

  @ApiProperty({ example: 'AZ', description: "ISO 3166-1 alpha-2 code, 'stateless' or 'unknown'." })
  @Matches(/^([A-Z]{2}|stateless|unknown)$/, {
    message: "citizenship must be an ISO 3166-1 alpha-2 code (e.g. AZ), 'stateless' or 'unknown'",
  })
  citizenship!: string;

  @ApiProperty({ example: ['az', 'ru'], description: 'ISO 639 language codes the person speaks.' })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'each language must be an ISO 639 code such as az' })
  languages!: string[];
}

export class IdentificationDto {
  @ApiProperty({
    example: '2026-11-20T14:30:00+04:00',
    description: 'When the person was identified; may be earlier than now when recorded late.',
  })
  @IsISO8601({ strict: true }, { message: 'identifiedAt must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'identifiedAt must include a time and a time zone' })
  identifiedAt!: string;

  @ApiProperty({ example: 'Bakı Dəniz Limanı, sərnişin terminalı' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place!: string;

  @ApiPropertyOptional({ example: 'Bakı' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiProperty({ example: 'AZ', description: 'ISO 3166-1 alpha-2 of the country where the person was found.' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as AZ' })
  country!: string;
}

export class OpenCaseDto {
  @ApiProperty({ type: PersonDto })
  @IsObject({ message: 'person must be an object' })
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;

  @ApiProperty({ type: IdentificationDto })
  @IsObject({ message: 'identification must be an object' })
  @ValidateNested()
  @Type(() => IdentificationDto)
  identification!: IdentificationDto;

  @ApiProperty({ enum: EXPLOITATION_TYPES, isArray: true, example: ['labour'] })
  @IsArray()
  @ArrayMinSize(1, { message: "exploitationTypes needs at least one type ('other' when unclear)" })
  @ArrayMaxSize(EXPLOITATION_TYPES.length)
  @ArrayUnique()
  @IsIn(EXPLOITATION_TYPES, { each: true })
  exploitationTypes!: (typeof EXPLOITATION_TYPES)[number][];

  @ApiProperty({
    example: ['GEN-01', 'LAB-01'],
    description: 'Codes from the current indicator catalogue (GET /indicators). Unknown codes are refused (422).',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  indicatorCodes!: string[];

  @ApiProperty({ enum: URGENT_NEEDS, isArray: true, example: ['medical-care', 'interpreter'] })
  @IsArray()
  @ArrayMaxSize(URGENT_NEEDS.length)
  @ArrayUnique()
  @IsIn(URGENT_NEEDS, { each: true })
  urgentNeeds!: (typeof URGENT_NEEDS)[number][];

  @ApiProperty({ example: true, description: 'Whether the person agreed to be referred to the competent authority.' })
  @IsBoolean()
  consentToReferral!: boolean;

  @ApiPropertyOptional({
    example: 'Found during a labour inspection; passport held by the employer.',
    description: "The first responder's account. Personal data.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @FreeText()
  narrative?: string;
}

export class RecordConsentDto {
  @ApiProperty({ example: false, description: 'true: consent to referral given; false: withdrawn.' })
  @IsBoolean()
  consentToReferral!: boolean;
}
