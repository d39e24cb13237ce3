import { commandController, commandRoute, Field, givenFields } from '@nrm/platform/http';
import {
  CHOOSABLE_CLOSURE_REASONS,
  type ClosureReason,
  ERASURE_AUTHORITIES,
  type ErasureAuthority,
} from '../../domain';
import { ORGANISATION_TYPES, type OrganisationType } from '@nrm/shared-kernel';
import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { trackRoutes } from '../../http/track-routes';
import { closeCase, erasePersonalData } from './case-lifecycle.application';
import { caseLifecycleDecider } from './case-lifecycle.decider';
import { CASE_LIFECYCLE_OPENAPI } from './case-lifecycle.openapi';

export class CloseCaseDto {
  @Field.oneOf(CHOOSABLE_CLOSURE_REASONS, { example: 'reintegrated' })
  reason!: Exclude<ClosureReason, 'other'>;

  @Field.writtenReason({
    optional: true,
    example: 'Reintegration plan completed; follow-up by the local social service.',
    description: 'Free text; kept as personal data (erased with the person) and not shown on the timeline.',
  })
  note?: string;
}

export class ReopenCaseDto {
  @Field.writtenReason({
    example: 'The person contacted the hotline again and asks for assistance.',
    description: 'Why the case is reopened. Kept as personal data; not shown on the timeline.',
  })
  reason!: string;
}

export class TransferCaseDto {
  @Field.organisationId({
    example: 'ngo-clean-world',
    description: 'The receiving organisation: it owns the case from now on.',
  })
  toOrganisationId!: string;

  @Field.oneOf(ORGANISATION_TYPES, { example: 'ngo' })
  toOrganisationType!: OrganisationType;

  @Field.writtenReason({
    example: 'The person moved to Gəncə; the local NGO takes over case management.',
    description: 'Why the case is transferred. Kept as personal data; not shown on the timeline.',
  })
  reason!: string;
}

export class ErasureLegalBasisDto {
  @Field.oneOf(ERASURE_AUTHORITIES, { example: 'court', description: 'Who ordered the erasure.' })
  authority!: ErasureAuthority;

  @Field.text({
    max: 200,
    min: 0,
    nonBlank: true,
    example: '2-1234/2026',
    description: "Number of the prosecutor's or court's decision.",
  })
  decisionNumber!: string;

  @Field.calendarDate({ example: '2026-11-20', description: 'Date of the decision, YYYY-MM-DD (not in the future).' })
  decidedOn!: string;
}

export class ErasePersonalDataDto {
  /**
   * Optional for validation only: an order without a legal basis is refused by the domain rule
   * erasure-needs-legal-basis (422, naming legalBasis), as the issue asks; a malformed one is 400.
   */
  @Field.nested(ErasureLegalBasisDto, {
    optional: true,
    required: true,
    description:
      "The prosecutor's or court's decision ordering the erasure. Without it: 422 erasure-needs-legal-basis.",
  })
  legalBasis?: ErasureLegalBasisDto;
}

const lifecycle = trackRoutes(caseLifecycleDecider);

export const CaseLifecycleController = commandController({
  prefix: 'cases',
  roles: TRACK_COMMAND_ROLES,
  ...CASE_LIFECYCLE_OPENAPI,
  routes: {
    close: commandRoute({
      name: 'CloseCase',
      path: ':id/close',
      body: CloseCaseDto,
      summary: 'Close a case with a reason',
      gate: ({ id, body }) => ({ caseId: id, command: givenFields(body) }),
      execute: ({ id, body }, context, services) => closeCase({ id, body: givenFields(body) }, context, services),
    }),
    reopen: lifecycle.route('ReopenCase', ':id/reopen', ReopenCaseDto).summary('Reopen a closed case'),
    transfer: lifecycle
      .route('TransferCase', ':id/transfer', TransferCaseDto)
      .summary('Transfer a case to another organisation'),
    erasePersonalData: commandRoute({
      name: 'ErasePersonalData',
      path: ':id/erase-personal-data',
      roles: ['coordinator'],
      body: ErasePersonalDataDto,
      summary: "Erase the person's personal data by legal order (crypto-shredding)",
      execute: erasePersonalData,
    }),
  },
});
