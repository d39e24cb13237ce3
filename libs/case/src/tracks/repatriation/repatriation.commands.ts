import { CALENDAR_DATE, commandController, FreeText } from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { REPATRIATION_RISK_LEVELS, TRAVEL_DOCUMENT_TYPES } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { trackRoutes } from '../../http/track-routes';
import { repatriationDecider } from './repatriation.decider';
import { REPATRIATION_OPENAPI } from './repatriation.openapi';

export class RequestRepatriationDto {
  @ApiProperty({ example: 'UZ', description: 'ISO 3166-1 alpha-2 code of the country of return.' })
  @Matches(/^[A-Z]{2}$/, { message: 'destinationCountry must be an ISO 3166-1 alpha-2 code such as UZ' })
  destinationCountry!: string;

  @ApiProperty({
    example: true,
    description:
      'The person consents to return voluntarily. Must be true: otherwise 422 repatriation-needs-voluntary-consent.',
  })
  @IsBoolean()
  voluntaryConsent!: boolean;

  @ApiPropertyOptional({
    example: '2026-11-21T09:00:00+04:00',
    description: 'When the consent was given; now when omitted. Not in the future.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'consentRecordedAt must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'consentRecordedAt must include a time and a time zone' })
  consentRecordedAt?: string;
}

export class AssessRepatriationRiskDto {
  @ApiProperty({ enum: REPATRIATION_RISK_LEVELS, example: 'medium' })
  @IsIn(REPATRIATION_RISK_LEVELS)
  level!: (typeof REPATRIATION_RISK_LEVELS)[number];

  @ApiPropertyOptional({
    example: 'Recruiter lives in the home town; family informed through IOM.',
    description:
      "About the risk. Free text: treated as personal data (encrypted under the case's key, erased with the person's data).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @FreeText()
  notes?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'The risks found are mitigated; a high risk blocks travel until an assessment says so.',
  })
  @IsOptional()
  @IsBoolean()
  mitigated?: boolean;
}

export class RecordTravelDocumentsDto {
  @ApiProperty({ enum: TRAVEL_DOCUMENT_TYPES, isArray: true, example: ['certificate-of-return'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'documents needs at least one travel document' })
  @ArrayMaxSize(TRAVEL_DOCUMENT_TYPES.length * 2)
  @IsIn(TRAVEL_DOCUMENT_TYPES, { each: true })
  documents!: (typeof TRAVEL_DOCUMENT_TYPES)[number][];

  @ApiProperty({ example: 'Embassy of Uzbekistan in Baku', description: 'The issuing authority.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  issuedBy!: string;
}

export class ScheduleRepatriationDto {
  @ApiProperty({ example: '2026-12-05', description: 'YYYY-MM-DD; not in the past.' })
  @Matches(CALENDAR_DATE, { message: 'travelDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'travelDate must be a real calendar date' })
  travelDate!: string;

  @ApiPropertyOptional({ example: 'GYD–TAS, Uzbekistan Airways, escorted by IOM' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  route?: string;
}

export class CompleteRepatriationDto {
  @ApiProperty({ example: '2026-12-05', description: 'YYYY-MM-DD the person arrived; not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'arrivedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'arrivedOn must be a real calendar date' })
  arrivedOn!: string;

  @ApiPropertyOptional({ example: 'IOM Tashkent', description: 'The organisation that received the person.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receivedBy?: string;
}

export class CancelRepatriationDto {
  @ApiProperty({ example: 'The person decided to stay and cooperate with the investigation.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @FreeText()
  reason!: string;
}

const repatriation = trackRoutes(repatriationDecider);

/** Repatriation (DESIGN §3.5): voluntary, with consent, a risk assessment before travel. */
export const RepatriationController = commandController({
  name: 'RepatriationController',
  prefix: 'cases/:id/repatriation',
  tag: 'repatriation',
  roles: TRACK_COMMAND_ROLES,
  ...REPATRIATION_OPENAPI,
  routes: {
    request: repatriation.commandRoute({
      name: 'RequestRepatriation',
      path: '',
      body: RequestRepatriationDto,
      summary: 'Open a repatriation with the voluntary consent of the person',
    }),
    assessRisk: repatriation.commandRoute({
      name: 'AssessRepatriationRisk',
      path: 'risk-assessment',
      body: AssessRepatriationRiskDto,
      summary: 'Record a risk assessment of the return',
    }),
    recordTravelDocuments: repatriation.commandRoute({
      name: 'RecordTravelDocuments',
      path: 'travel-documents',
      body: RecordTravelDocumentsDto,
      summary: 'Record travel documents issued for the return (no document numbers)',
    }),
    schedule: repatriation.commandRoute({
      name: 'ScheduleRepatriation',
      path: 'schedule',
      body: ScheduleRepatriationDto,
      summary: 'Schedule the travel',
    }),
    complete: repatriation.commandRoute({
      name: 'CompleteRepatriation',
      path: 'complete',
      body: CompleteRepatriationDto,
      summary: 'Record the arrival: the repatriation is complete',
    }),
    cancel: repatriation.commandRoute({
      name: 'CancelRepatriation',
      path: 'cancel',
      body: CancelRepatriationDto,
      summary: 'Cancel the open repatriation, with a reason (409 no-open-repatriation when none)',
    }),
  },
});
