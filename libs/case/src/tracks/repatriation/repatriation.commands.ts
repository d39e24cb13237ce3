import { commandController, Field } from '@nrm/platform/http';
import { REPATRIATION_RISK_LEVELS, TRAVEL_DOCUMENT_TYPES } from '../../domain';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { PERSONAL_FREE_TEXT, trackRoutes } from '../../http/track-routes';
import { repatriationDecider } from './repatriation.decider';
import { REPATRIATION_OPENAPI } from './repatriation.openapi';

export class RequestRepatriationDto {
  @Field.countryCode({ example: 'UZ', description: 'ISO 3166-1 alpha-2 code of the country of return.' })
  destinationCountry!: string;

  @Field.boolean({
    example: true,
    description:
      'The person consents to return voluntarily. Must be true: otherwise 422 repatriation-needs-voluntary-consent.',
  })
  voluntaryConsent!: boolean;

  @Field.dateTime({
    optional: true,
    example: '2026-11-21T09:00:00+04:00',
    description: 'When the consent was given; now when omitted. Not in the future.',
  })
  consentRecordedAt?: string;
}

export class AssessRepatriationRiskDto {
  @Field.oneOf(REPATRIATION_RISK_LEVELS, { example: 'medium' })
  level!: (typeof REPATRIATION_RISK_LEVELS)[number];

  @Field.text({
    optional: true,
    max: 2000,
    min: 0,
    freeText: true,
    example: 'Recruiter lives in the home town; family informed through IOM.',
    description: `About the risk. ${PERSONAL_FREE_TEXT}`,
  })
  notes?: string;

  @Field.boolean({
    optional: true,
    example: false,
    description: 'The risks found are mitigated; a high risk blocks travel until an assessment says so.',
  })
  mitigated?: boolean;
}

export class RecordTravelDocumentsDto {
  @Field.listOf(TRAVEL_DOCUMENT_TYPES, {
    example: ['certificate-of-return'],
    atLeastOne: 'documents needs at least one travel document',
    maxSize: TRAVEL_DOCUMENT_TYPES.length * 2,
    repeats: true,
  })
  documents!: (typeof TRAVEL_DOCUMENT_TYPES)[number][];

  @Field.text({ max: 200, example: 'Embassy of Uzbekistan in Baku', description: 'The issuing authority.' })
  issuedBy!: string;
}

export class ScheduleRepatriationDto {
  @Field.calendarDate({ example: '2026-12-05', description: 'YYYY-MM-DD; not in the past.' })
  travelDate!: string;

  @Field.text({ optional: true, max: 500, min: 0, example: 'GYD–TAS, Uzbekistan Airways, escorted by IOM' })
  route?: string;
}

export class CompleteRepatriationDto {
  @Field.calendarDate({ example: '2026-12-05', description: 'YYYY-MM-DD the person arrived; not in the future.' })
  arrivedOn!: string;

  @Field.text({
    optional: true,
    max: 200,
    min: 0,
    example: 'IOM Tashkent',
    description: 'The organisation that received the person.',
  })
  receivedBy?: string;
}

export class CancelRepatriationDto {
  @Field.text({
    max: 1000,
    freeText: true,
    example: 'The person decided to stay and cooperate with the investigation.',
  })
  reason!: string;
}

const repatriation = trackRoutes(repatriationDecider);

/** Repatriation (DESIGN §3.5): voluntary, with consent, a risk assessment before travel. */
export const RepatriationController = commandController({
  prefix: 'cases/:id/repatriation',
  roles: TRACK_COMMAND_ROLES,
  ...REPATRIATION_OPENAPI,
  routes: {
    request: repatriation
      .route('RequestRepatriation', '', RequestRepatriationDto)
      .summary('Open a repatriation with the voluntary consent of the person'),
    assessRisk: repatriation
      .route('AssessRepatriationRisk', 'risk-assessment', AssessRepatriationRiskDto)
      .summary('Record a risk assessment of the return'),
    recordTravelDocuments: repatriation
      .route('RecordTravelDocuments', 'travel-documents', RecordTravelDocumentsDto)
      .summary('Record travel documents issued for the return (no document numbers)'),
    schedule: repatriation
      .route('ScheduleRepatriation', 'schedule', ScheduleRepatriationDto)
      .summary('Schedule the travel'),
    complete: repatriation
      .route('CompleteRepatriation', 'complete', CompleteRepatriationDto)
      .summary('Record the arrival: the repatriation is complete'),
    cancel: repatriation
      .route('CancelRepatriation', 'cancel', CancelRepatriationDto)
      .summary('Cancel the open repatriation, with a reason (409 no-open-repatriation when none)'),
  },
});
