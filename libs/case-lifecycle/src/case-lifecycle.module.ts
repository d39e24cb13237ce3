import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { CloseCaseHandler } from './application/close-case';
import { ErasePersonalDataHandler } from './application/erase-personal-data';
import { ReopenCaseHandler } from './application/reopen-case';
import { TransferCaseHandler } from './application/transfer-case';
import { CaseLifecycleController } from './http/case-lifecycle.controller';

/** The case-lifecycle context: closure, reopening and transfer of a case, and erasure of the person's data. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [CaseLifecycleController],
  providers: [CloseCaseHandler, ReopenCaseHandler, TransferCaseHandler, ErasePersonalDataHandler],
})
export class CaseLifecycleModule {}
