import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { PersonMatchingModule } from '@nrm/person-matching';
import { ShelterModule } from '@nrm/shelter';
import { CaseLifecycleController } from './http/case-lifecycle.commands';

/** The case-lifecycle context: closure, reopening and transfer of a case, and erasure of the person's data. */
@Module({
  imports: [CaseModule, ShelterModule, PersonMatchingModule],
  controllers: [CaseLifecycleController],
})
export class CaseLifecycleModule {}
