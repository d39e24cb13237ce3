import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { ReferralCommandHandler } from './application/referral-commands';
import { ReferralController } from './http/referral.controller';

/** The referral context: referral to the competent authority, the victim-status decision and its review. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [ReferralController],
  providers: [ReferralCommandHandler],
})
export class ReferralModule {}
