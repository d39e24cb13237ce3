import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Organisation ids as the tokens' `org` claim carries them, e.g. "child-protection-baku". */
const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class NotifyChildProtectionDto {
  @ApiProperty({ example: 'child-protection-baku', description: 'The child-protection organisation notified.' })
  @IsString()
  @Matches(ORGANISATION_ID, {
    message: 'childProtectionOrgId must be an organisation id such as child-protection-baku',
  })
  childProtectionOrgId!: string;

  @ApiProperty({
    example: '2026-11-20T16:00:00+04:00',
    description: 'When the body was notified (ISO-8601 with offset); may lie in the past when recorded late.',
  })
  @IsISO8601({ strict: true }, { message: 'notifiedAt must be an ISO-8601 date and time' })
  @Matches(/T\d{2}:\d{2}/, { message: 'notifiedAt must include a time' })
  notifiedAt!: string;
}

export class AppointGuardianDto {
  @ApiProperty({
    example: 'Leyla Həsənova',
    description: "The guardian's name: personal data, encrypted with the child's key and never on the timeline.",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  guardianName!: string;

  @ApiProperty({ example: 'guardianship-baku', description: 'The organisation that appointed the guardian.' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'appointedBy must be an organisation id such as guardianship-baku' })
  appointedBy!: string;

  @ApiProperty({ example: '2026-11-21', description: 'Date of the appointment, YYYY-MM-DD.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'appointedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'appointedOn must be a real calendar date' })
  appointedOn!: string;
}
