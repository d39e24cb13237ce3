import { Field } from '@nrm/platform/http';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { EXPLOITATION_TYPES, SEXES, URGENT_NEEDS } from '../../domain';

export class PersonDto {
  @Field.text({ max: 100, example: 'Aysel' })
  givenName!: string;

  @Field.text({ max: 100, example: 'Məmmədova' })
  familyName!: string;

  @Field.calendarDate({ optional: true, example: '1999-04-12', description: 'YYYY-MM-DD. Give this or estimatedAge.' })
  dateOfBirth?: string;

  @Field.integer({
    optional: true,
    min: 0,
    max: 120,
    example: 25,
    description: 'Years, when the date of birth is unknown.',
  })
  estimatedAge?: number;

  @Field.oneOf(SEXES, { example: 'female' })
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
  @Field.dateTime({
    example: '2026-11-20T14:30:00+04:00',
    description: 'When the person was identified; may be earlier than now when recorded late.',
  })
  identifiedAt!: string;

  @Field.text({ max: 200, example: 'Bakı Dəniz Limanı, sərnişin terminalı' })
  place!: string;

  @Field.text({ optional: true, max: 100, min: 0, example: 'Bakı' })
  region?: string;

  @Field.countryCode({ example: 'AZ', description: 'ISO 3166-1 alpha-2 of the country where the person was found.' })
  country!: string;
}

export class OpenCaseDto {
  @Field.nested(PersonDto)
  person!: PersonDto;

  @Field.nested(IdentificationDto)
  identification!: IdentificationDto;

  @Field.listOf(EXPLOITATION_TYPES, {
    example: ['labour'],
    atLeastOne: "exploitationTypes needs at least one type ('other' when unclear)",
  })
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

  @Field.listOf(URGENT_NEEDS, { example: ['medical-care', 'interpreter'] })
  urgentNeeds!: (typeof URGENT_NEEDS)[number][];

  @Field.boolean({
    example: true,
    description: 'Whether the person agreed to be referred to the competent authority.',
  })
  consentToReferral!: boolean;

  @Field.text({
    optional: true,
    max: 4000,
    min: 0,
    freeText: true,
    example: 'Found during a labour inspection; passport held by the employer.',
    description: "The first responder's account. Personal data.",
  })
  narrative?: string;
}

export class RecordConsentDto {
  @Field.boolean({ example: false, description: 'true: consent to referral given; false: withdrawn.' })
  consentToReferral!: boolean;
}
