import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { CloseCaseHandler } from './application/close-case';
import { ReopenCaseHandler } from './application/reopen-case';
import { TransferCaseHandler } from './application/transfer-case';
import { CaseLifecycleController } from './http/case-lifecycle.controller';

/** The case-lifecycle context: closure, reopening and transfer of a case. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [CaseLifecycleController],
  providers: [CloseCaseHandler, ReopenCaseHandler, TransferCaseHandler],
})
export class CaseLifecycleModule {}
