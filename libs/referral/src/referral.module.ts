import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { DecideVictimStatusHandler } from './application/decide-victim-status';
import { ReferCaseHandler } from './application/refer-case';
import { RequestStatusDecisionReviewHandler } from './application/request-status-decision-review';
import { ReferralController } from './http/referral.controller';

/** The referral context: referral to the competent authority, the victim-status decision and its review. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [ReferralController],
  providers: [ReferCaseHandler, DecideVictimStatusHandler, RequestStatusDecisionReviewHandler],
})
export class ReferralModule {}
