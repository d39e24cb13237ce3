import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { ReflectionPeriodCommandHandler } from './application/reflection-period-commands';
import { StartReflectionPeriodHandler } from './application/start-reflection-period';
import { ReflectionPeriodController } from './http/reflection-period.controller';

/** The reflection-period context (DESIGN §3.3): start, extension, early end. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [ReflectionPeriodController],
  providers: [StartReflectionPeriodHandler, ReflectionPeriodCommandHandler],
})
export class ReflectionPeriodModule {}
