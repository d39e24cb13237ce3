import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { PersonMatchingModule } from '@nrm/person-matching';
import { ShelterModule } from '@nrm/shelter';
import { CaseLifecycleCommandHandler } from './application/case-lifecycle-commands';
import { ErasePersonalDataHandler } from './application/erase-personal-data';
import { CaseLifecycleController } from './http/case-lifecycle.controller';

/** The case-lifecycle context: closure, reopening and transfer of a case, and erasure of the person's data. */
@Module({
  imports: [CqrsModule, CaseModule, ShelterModule, PersonMatchingModule],
  controllers: [CaseLifecycleController],
  providers: [CaseLifecycleCommandHandler, ErasePersonalDataHandler],
})
export class CaseLifecycleModule {}
