import { Module } from '@nestjs/common';
import { CaseModule } from '../case.module';
import { CaseNumbers } from './identification/case-numbers';
import { ChildCaseController, IdentificationController } from './identification/identification.commands';
import { IndicatorsController } from './identification/indicators.controller';
import { CaseLifecycleController } from './lifecycle/case-lifecycle.commands';
import { ReferralController } from './referral/referral.commands';
import { ReflectionPeriodController } from './reflection-period/reflection-period.commands';
import { ReintegrationController } from './reintegration/reintegration.commands';
import { RepatriationController } from './repatriation/repatriation.commands';

/**
 * The routes of the case's tracks. The closure (lifecycle) needs CASE_PLACEMENTS, which the
 * application provides through libs/shelter's ShelterModule.
 */
@Module({
  imports: [CaseModule],
  controllers: [
    IdentificationController,
    ChildCaseController,
    IndicatorsController,
    ReferralController,
    ReflectionPeriodController,
    RepatriationController,
    ReintegrationController,
    CaseLifecycleController,
  ],
  providers: [CaseNumbers],
})
export class TracksModule {}
