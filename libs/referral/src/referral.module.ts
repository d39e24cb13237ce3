import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { ReferralController } from './http/referral.commands';

/** The referral context: referral to the competent authority, the victim-status decision and its review. */
@Module({
  imports: [CaseModule],
  controllers: [ReferralController],
})
export class ReferralModule {}
