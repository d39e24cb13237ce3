import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { trackRoutes } from '../../http/track-routes';
import { commandController, commandRoute, Field } from '@nrm/platform/http';
import { identificationDecider, openCase } from './open-case';
import { CHILD_CASE_OPENAPI, IDENTIFICATION_OPENAPI } from './identification.openapi';
import { OpenCaseDto, RecordConsentDto } from './open-case.dto';

export class NotifyChildProtectionDto {
  @Field.organisationId({
    example: 'child-protection-baku',
    description: 'The child-protection organisation notified.',
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
  @Field.text({
    max: 200,
    example: 'Leyla Həsənova',
    description: "The guardian's name: personal data, encrypted with the child's key and never on the timeline.",
  })
  guardianName!: string;

  @Field.organisationId({
    example: 'guardianship-baku',
    description: 'The organisation that appointed the guardian.',
  })
  appointedBy!: string;

  @Field.calendarDate({ example: '2026-11-21', description: 'Date of the appointment, YYYY-MM-DD.' })
  appointedOn!: string;
}

const identification = trackRoutes(identificationDecider);

export const IdentificationController = commandController({
  prefix: 'cases',
  ...IDENTIFICATION_OPENAPI,
  routes: {
    open: commandRoute({
      name: 'OpenCase',
      path: '',
      roles: ['first-responder'],
      body: OpenCaseDto,
      ifMatch: false,
      location: (result) => `/cases/${result.caseId}`,
      summary: 'Identification: open a case for a presumed victim',
      execute: openCase,
    }),
    recordConsent: identification
      .route('RecordReferralConsent', ':id/consent', RecordConsentDto, {
        roles: ['first-responder', 'case-worker', 'coordinator'],
      })
      .summary('Record consent to referral given or withdrawn'),
  },
});

/** Child cases (DESIGN §3.1): the child-protection body is notified and a guardian appointed. */
export const ChildCaseController = commandController({
  prefix: 'cases',
  roles: TRACK_COMMAND_ROLES,
  ...CHILD_CASE_OPENAPI,
  routes: {
    notifyChildProtection: identification
      .route('NotifyChildProtection', ':id/child-protection-notification', NotifyChildProtectionDto)
      .summary('Child case: record that the child-protection body was notified'),
    appointGuardian: identification
      .route('AppointGuardian', ':id/guardian', AppointGuardianDto)
      .summary('Child case: record the appointment of a guardian'),
  },
});
