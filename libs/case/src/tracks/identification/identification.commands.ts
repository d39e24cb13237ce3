import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { onVisibleCase } from '../../application/case-command';
import { commandController, commandRoute, givenFields } from '@nrm/platform/http';
import { identificationDecider, openCase } from './open-case';
import { OpenCaseDto, RecordConsentDto } from './open-case.dto';

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

const identificationCommand = onVisibleCase(identificationDecider);

export const IdentificationController = commandController('IdentificationController', 'cases', 'cases', {
  open: commandRoute({
    name: 'OpenCase',
    path: '',
    roles: ['first-responder'],
    body: OpenCaseDto,
    ifMatch: false,
    location: (result) => `/cases/${result.caseId}`,
    summary: 'Identification: open a case for a presumed victim',
    description:
      'A first responder records the person, where and when they were found, the forms of exploitation, the ' +
      'indicators observed (codes of the current catalogue), urgent needs and consent to referral. A person under ' +
      '18 (from the date of birth or the estimated age at identification) makes a child case. The answer carries ' +
      'the new revision (also as ETag) and the global position of the event, to pass as minPosition on reads.',
    response: {
      description: 'Case opened',
      example: { caseId: '7a1c…', caseNumber: 'NRM-2026-000001', revision: 0, position: '42' },
    },
    execute: openCase,
  }),
  recordConsent: commandRoute({
    name: 'RecordReferralConsent',
    path: ':id/consent',
    roles: ['first-responder', 'case-worker', 'coordinator'],
    body: RecordConsentDto,
    summary: 'Record consent to referral given or withdrawn',
    description:
      'Recording the consent the case already holds appends nothing. With If-Match, a case changed since it was ' +
      'read is refused with 412.',
    response: { description: 'New revision and position', example: { caseId: '7a1c…', revision: 1, position: '43' } },
    execute: identificationCommand((body: RecordConsentDto) => ({
      type: 'RecordReferralConsent',
      ...givenFields(body),
    })),
  }),
});

const childCaseResult = {
  description: 'New revision (also as ETag) and the global position, to pass as minPosition on reads',
  example: { caseId: '7a1c…', revision: 1, position: '43' },
};

/** Child cases (DESIGN §3.1): the child-protection body is notified and a guardian appointed. */
export const ChildCaseController = commandController('ChildCaseController', 'cases', 'cases', {
  notifyChildProtection: commandRoute({
    name: 'NotifyChildProtection',
    path: ':id/child-protection-notification',
    roles: TRACK_COMMAND_ROLES,
    body: NotifyChildProtectionDto,
    summary: 'Child case: record that the child-protection body was notified',
    description:
      'Only for child cases (422 not-a-child-case), once per case (409 child-protection-notified-once); notifiedAt ' +
      'may not lie in the future (422 notified-at-not-in-future).',
    response: childCaseResult,
    execute: identificationCommand((body: NotifyChildProtectionDto) => ({
      type: 'NotifyChildProtection',
      ...givenFields(body),
    })),
  }),
  appointGuardian: commandRoute({
    name: 'AppointGuardian',
    path: ':id/guardian',
    roles: TRACK_COMMAND_ROLES,
    body: AppointGuardianDto,
    summary: 'Child case: record the appointment of a guardian',
    description:
      "Only for child cases (422 not-a-child-case). The guardian's name is personal data: it is encrypted with the " +
      "child's key and never shown on the timeline. A later appointment replaces the guardian. appointedOn may " +
      'not lie in the future (422 appointed-on-not-in-future).',
    response: childCaseResult,
    execute: identificationCommand((body: AppointGuardianDto) => ({ type: 'AppointGuardian', ...givenFields(body) })),
  }),
});
