import {
  CALENDAR_DATE,
  commandController,
  commandRoute,
  FreeText,
  givenFields,
  ORGANISATION_ID,
} from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
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
  @ApiProperty({ enum: CHOOSABLE_CLOSURE_REASONS, example: 'reintegrated' })
  @IsIn(CHOOSABLE_CLOSURE_REASONS)
  reason!: Exclude<ClosureReason, 'other'>;

  @ApiPropertyOptional({
    example: 'Reintegration plan completed; follow-up by the local social service.',
    description: 'Free text; kept as personal data (erased with the person) and not shown on the timeline.',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(2000)
  @FreeText()
  note?: string;
}

export class ReopenCaseDto {
  @ApiProperty({
    example: 'The person contacted the hotline again and asks for assistance.',
    description: 'Why the case is reopened. Kept as personal data; not shown on the timeline.',
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  @FreeText()
  reason!: string;
}

export class TransferCaseDto {
  @ApiProperty({ example: 'ngo-clean-world', description: 'The receiving organisation: it owns the case from now on.' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'toOrganisationId must be an organisation id such as ngo-clean-world' })
  toOrganisationId!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES, example: 'ngo' })
  @IsIn(ORGANISATION_TYPES)
  toOrganisationType!: OrganisationType;

  @ApiProperty({
    example: 'The person moved to Gəncə; the local NGO takes over case management.',
    description: 'Why the case is transferred. Kept as personal data; not shown on the timeline.',
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  @FreeText()
  reason!: string;
}

export class ErasureLegalBasisDto {
  @ApiProperty({ enum: ERASURE_AUTHORITIES, example: 'court', description: 'Who ordered the erasure.' })
  @IsIn(ERASURE_AUTHORITIES)
  authority!: ErasureAuthority;

  @ApiProperty({ example: '2-1234/2026', description: "Number of the prosecutor's or court's decision." })
  @IsString()
  @Matches(/\S/, { message: 'decisionNumber must not be blank' })
  @MaxLength(200)
  decisionNumber!: string;

  @ApiProperty({ example: '2026-11-20', description: 'Date of the decision, YYYY-MM-DD (not in the future).' })
  @Matches(CALENDAR_DATE, { message: 'decidedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'decidedOn must be a real calendar date' })
  decidedOn!: string;
}

export class ErasePersonalDataDto {
  /**
   * Optional for validation only: an order without a legal basis is refused by the domain rule
   * erasure-needs-legal-basis (422, naming legalBasis), as the issue asks; a malformed one is 400.
   */
  @ApiProperty({
    type: ErasureLegalBasisDto,
    description:
      "The prosecutor's or court's decision ordering the erasure. Without it: 422 erasure-needs-legal-basis.",
  })
  @IsOptional()
  @IsObject({ message: 'legalBasis must be an object' })
  @ValidateNested()
  @Type(() => ErasureLegalBasisDto)
  legalBasis?: ErasureLegalBasisDto;
}

const lifecycle = trackRoutes(caseLifecycleDecider);

export const CaseLifecycleController = commandController({
  name: 'CaseLifecycleController',
  prefix: 'cases',
  tag: 'cases',
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
    reopen: lifecycle.commandRoute({
      name: 'ReopenCase',
      path: ':id/reopen',
      body: ReopenCaseDto,
      summary: 'Reopen a closed case',
    }),
    transfer: lifecycle.commandRoute({
      name: 'TransferCase',
      path: ':id/transfer',
      body: TransferCaseDto,
      summary: 'Transfer a case to another organisation',
    }),
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
