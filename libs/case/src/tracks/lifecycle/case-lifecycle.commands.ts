import { FreeText, commandController, commandRoute, givenFields } from '@nrm/platform/http';
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
import { onVisibleCase } from '../../application/case-command';
import { closeCase, erasePersonalData } from './case-lifecycle.application';
import { caseLifecycleDecider } from './case-lifecycle.decider';

/** Organisation ids as the tokens' `org` claim carries them, e.g. "ngo-clean-world". */
const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

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
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'decidedOn must be a date as YYYY-MM-DD' })
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

const lifecycleCommand = onVisibleCase(caseLifecycleDecider);
const response = {
  description: 'New revision (also as ETag) and the global position, to pass as minPosition on reads',
  example: { caseId: '7a1c…', revision: 4, position: '57' },
};

export const CaseLifecycleController = commandController('CaseLifecycleController', 'cases', 'cases', {
  close: commandRoute({
    name: 'CloseCase',
    path: ':id/close',
    roles: TRACK_COMMAND_ROLES,
    body: CloseCaseDto,
    summary: 'Close a case with a reason',
    description:
      'A closed case rejects every command but reopen (409, rule case-not-closed). The closure ends the ' +
      "case's open placements on their shelters (requested, accepted, checked in: state ended), freeing their " +
      'beds. Closing a closed case is 409 ' +
      "case-not-closed; reason 'status-refused' needs a refused victim status (409 " +
      'closure-status-refused-needs-refusal). Where the country puts closure under approval (CloseCase in ' +
      'APPROVAL_REQUIRED_COMMANDS, the default), a caller who is neither a coordinator nor a supervisor of ' +
      "the case's organisation gets 202: the closure is checked as above and recorded as an approval request " +
      '(README "Supervisor approvals").',
    response,
    gate: ({ id, body }) => ({ caseId: id, command: givenFields(body) }),
    execute: ({ id, body }, context, services) => closeCase({ id, body: givenFields(body) }, context, services),
  }),
  reopen: commandRoute({
    name: 'ReopenCase',
    path: ':id/reopen',
    roles: TRACK_COMMAND_ROLES,
    body: ReopenCaseDto,
    summary: 'Reopen a closed case',
    description:
      'The case goes back to the stage it was closed in. Reopening a case that is not closed is 409 case-is-closed.',
    response,
    execute: lifecycleCommand((body: ReopenCaseDto) => ({ type: 'ReopenCase', ...givenFields(body) })),
  }),
  transfer: commandRoute({
    name: 'TransferCase',
    path: ':id/transfer',
    roles: TRACK_COMMAND_ROLES,
    body: TransferCaseDto,
    summary: 'Transfer a case to another organisation',
    description:
      'The receiver owns the case from now on: its staff see it, the former owner no longer does (coordinators ' +
      'and the competent authority see every case). Transferring to the current owner is 422 ' +
      'transfer-to-another-organisation; a closed case is 409 case-not-closed.',
    response,
    execute: lifecycleCommand((body: TransferCaseDto) => ({ type: 'TransferCase', ...givenFields(body) })),
  }),
  erasePersonalData: commandRoute({
    name: 'ErasePersonalData',
    path: ':id/erase-personal-data',
    roles: ['coordinator'],
    body: ErasePersonalDataDto,
    summary: "Erase the person's personal data by legal order (crypto-shredding)",
    description:
      "Coordinators only. Needs the prosecutor's or court's decision (legalBasis); without it 422 " +
      "erasure-needs-legal-basis. The person's key is destroyed: every personal field of every event " +
      'about them becomes unreadable, every read model shows the data as erased (person and narrative ' +
      'null, personalDataErased true), and a rebuild cannot bring it back. The case, its timeline and ' +
      'its countable facts (statistics) remain. Allowed on a closed case. A second erasure of the same ' +
      'person appends nothing and answers 200.',
    response,
    execute: erasePersonalData,
  }),
});
