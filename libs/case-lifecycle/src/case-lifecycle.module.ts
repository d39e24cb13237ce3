import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { ShelterModule } from '@nrm/shelter';
import { CaseLifecycleController } from './http/case-lifecycle.commands';

/** The case-lifecycle context: closure, reopening and transfer of a case, and erasure of the person's data. */
@Module({
  imports: [CaseModule, ShelterModule],
  controllers: [CaseLifecycleController],
})
export class CaseLifecycleModule {}
