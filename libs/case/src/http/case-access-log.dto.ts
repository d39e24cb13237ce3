import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Paged, ReadYourWritesDto } from '@nrm/platform/http';
import { CASE_READ_ENDPOINTS } from '../application/case-read-audit';
import { DATA_CATEGORIES, DISCLOSURE_KINDS } from '../read-models/case-disclosures.projection';

/** GET /cases/{id}/access-log query: a page, and `minPosition` to see the disclosure of one's own command. */
export class AccessLogQueryDto extends Paged(ReadYourWritesDto, { defaultSize: 50, max: 200 }) {}

export class AccessLogActorDto {
  @ApiProperty({ description: 'User id (JWT sub) of the member of staff', example: 'officer-1' })
  userId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Officer Əliyev' })
  name!: string | null;
  @ApiProperty({ example: 'police-baku' })
  organisationId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'police' })
  organisationType!: string | null;
}

export class AccessLogRecipientDto {
  @ApiProperty({ description: 'The organisation that received the data', example: 'mia-anti-trafficking' })
  organisationId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'competent-authority' })
  organisationType!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a placement: the shelter it operates' })
  shelterId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  shelterName!: string | null;
  @ApiProperty({ nullable: true, type: String })
  placementId!: string | null;
}

export class AccessLogEntryDto {
  @ApiProperty({
    enum: ['read', 'disclosure'],
    description: 'read: someone was shown the personal data; disclosure: it was passed to another organisation',
  })
  type!: 'read' | 'disclosure';
  @ApiProperty({ description: 'When (ISO 8601)', example: '2026-11-21T10:00:00.000Z' })
  at!: string;
  @ApiProperty({ type: AccessLogActorDto, description: 'Who read it, or who disclosed it' })
  by!: AccessLogActorDto;
  @ApiPropertyOptional({ enum: CASE_READ_ENDPOINTS, description: 'Reads: the endpoint that showed the data' })
  endpoint?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'Reads: a historical read (`asOf` on GET /cases/{id} or its timeline) names the instant the case was shown ' +
      'as of; null for a read of the case as it is now',
    example: '2026-11-20T09:00:00.000Z',
  })
  asOf?: string | null;
  @ApiPropertyOptional({ enum: DISCLOSURE_KINDS, description: 'Disclosures: what passed the data on' })
  disclosure?: string;
  @ApiPropertyOptional({ type: AccessLogRecipientDto, description: 'Disclosures: who received it' })
  recipient?: AccessLogRecipientDto;
  @ApiPropertyOptional({
    enum: DATA_CATEGORIES,
    isArray: true,
    description:
      'Disclosures: the categories of data received — identity (name, birth date or age, sex, citizenship, ' +
      'languages), identification-circumstances, exploitation-and-indicators, narrative, care-needs',
  })
  categories?: string[];
  @ApiPropertyOptional({ description: 'Disclosures: global position of the event', example: '42' })
  position?: string;
}

export class AccessLogPageDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;
  @ApiProperty({ type: [AccessLogEntryDto], description: 'Oldest first' })
  items!: AccessLogEntryDto[];
  @ApiProperty({ example: 1 })
  page!: number;
  @ApiProperty({ example: 50 })
  pageSize!: number;
  @ApiProperty({ example: 3 })
  total!: number;
}
