import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { ReflectionPeriodController } from './http/reflection-period.commands';

/** The reflection-period context (DESIGN §3.3): start, extension, early end. */
@Module({
  imports: [CaseModule],
  controllers: [ReflectionPeriodController],
})
export class ReflectionPeriodModule {}
