import { commandController, commandRoute, Field, FreeText, givenFields } from '@nrm/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
  ValidateIf,
} from 'class-validator';
import { PERSONAL_FREE_TEXT, trackRoutes } from '../../http/track-routes';
import { referralDecider } from './referral.decider';
import { REFERRAL_OPENAPI } from './referral.openapi';

export const VICTIM_STATUS_DECISIONS = ['granted', 'refused'] as const;
export type VictimStatusDecisionKind = (typeof VICTIM_STATUS_DECISIONS)[number];

/** The field may only be given with this decision (e.g. no reasons on a grant). */
function OnlyWithDecision(decision: VictimStatusDecisionKind): PropertyDecorator {
  return ValidateBy({
    name: 'onlyWithDecision',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined || (args?.object as { decision?: unknown } | undefined)?.decision === decision,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'this field'} is only given when the decision is '${decision}'`,
    },
  });
}

export class ReferCaseDto {
  @ApiProperty({
    example: 'mia-anti-trafficking',
    description:
      'Organisation id of the competent authority the presumed victim is referred to (lower-case letters, digits, ' +
      "hyphens), e.g. the Ministry of Internal Affairs' anti-trafficking department.",
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'competentAuthorityOrgId must be an organisation id (lower-case letters, digits and hyphens)',
  })
  competentAuthorityOrgId!: string;

  @Field.text({
    optional: true,
    max: 500,
    freeText: true,
    example: 'Handed over by phone; the file follows by courier.',
    description: `A working note for the authority. ${PERSONAL_FREE_TEXT}`,
  })
  note?: string;
}

export class StatusDecisionDto {
  @Field.oneOf(VICTIM_STATUS_DECISIONS, { example: 'granted' })
  decision!: VictimStatusDecisionKind;

  @ApiPropertyOptional({
    example: '123/2026',
    description: 'The number of the decision: required when granted, optional when refused.',
  })
  @ValidateIf((dto: StatusDecisionDto) => dto.decision === 'granted' || dto.decisionNumber !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'decisionNumber must not be blank' })
  @MaxLength(50)
  decisionNumber?: string;

  @Field.calendarDate({
    example: '2026-11-21',
    description: 'YYYY-MM-DD: the date of the decision; not in the future.',
  })
  decidedOn!: string;

  @ApiPropertyOptional({
    example: ['No indicator of exploitation was confirmed by the interview'],
    description: 'Required and non-empty when refused, absent when granted. Legal grounds; no personal data.',
    type: [String],
  })
  @ValidateIf((dto: StatusDecisionDto) => dto.decision === 'refused' || dto.reasons !== undefined)
  @OnlyWithDecision('refused')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'each reason must not be blank' })
  @MaxLength(500, { each: true })
  @FreeText()
  reasons?: string[];
}

export class StatusDecisionReviewDto {
  @Field.text({
    max: 1000,
    min: 0,
    nonBlank: true,
    freeText: true,
    example: 'The labour inspectorate found new evidence of forced labour.',
    description: `Why the refusal should be reviewed. ${PERSONAL_FREE_TEXT}`,
  })
  reason!: string;
}

const referral = trackRoutes(referralDecider);

/** Referral to the competent authority and the victim-status decision (DESIGN §3.2). */
export const ReferralController = commandController({
  prefix: 'cases',
  ...REFERRAL_OPENAPI,
  routes: {
    refer: referral
      .route('ReferCase', ':id/referral', ReferCaseDto, { roles: ['first-responder', 'case-worker', 'coordinator'] })
      .summary('Refer the presumed victim to the competent authority'),
    decide: commandRoute({
      name: 'DecideVictimStatus',
      path: ':id/status-decision',
      roles: ['competent-authority-officer'],
      body: StatusDecisionDto,
      summary: 'The competent authority grants or refuses victim status',
      execute: referral.onCase(({ decision, decisionNumber, decidedOn, reasons }: StatusDecisionDto) =>
        decision === 'granted'
          ? { type: 'DecideVictimStatus', decision, decisionNumber: decisionNumber ?? '', decidedOn }
          : {
              type: 'DecideVictimStatus',
              decision,
              reasons: reasons ?? [],
              decidedOn,
              ...givenFields({ decisionNumber }),
            },
      ),
    }),
    requestReview: referral
      .route('RequestStatusDecisionReview', ':id/status-decision/review', StatusDecisionReviewDto, {
        roles: ['case-worker', 'coordinator', 'first-responder', 'competent-authority-officer'],
      })
      .summary('Request a review of a refusal of victim status'),
  },
});
