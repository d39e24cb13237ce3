import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CHOOSABLE_CLOSURE_REASONS, type ClosureReason } from '@nrm/case/domain';
import { ORGANISATION_TYPES, type OrganisationType } from '@nrm/shared-kernel';

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
  reason!: string;
}
