import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { EndReflectionPeriodHandler } from './application/end-reflection-period';
import { ExtendReflectionPeriodHandler } from './application/extend-reflection-period';
import { StartReflectionPeriodHandler } from './application/start-reflection-period';
import { ReflectionPeriodController } from './http/reflection-period.controller';

/** The reflection-period context (DESIGN §3.3): start, extension, early end. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [ReflectionPeriodController],
  providers: [StartReflectionPeriodHandler, ExtendReflectionPeriodHandler, EndReflectionPeriodHandler],
})
export class ReflectionPeriodModule {}
