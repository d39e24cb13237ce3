import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseModule } from '@nrm/case';
import { ApprovalGate } from './application/approval-gate';
import { ApprovalQueries } from './application/approval-queries';
import { ApprovalsController } from './http/approvals.controller';
import { ApprovalEntity } from './read-models/approval.entity';

/**
 * Supervisor approvals: the gate the gated commands' contexts call, the approvals list and the
 * decisions. Contexts import it for the gate (ApprovalGate).
 */
@Module({
  imports: [CaseModule, TypeOrmModule.forFeature([ApprovalEntity])],
  controllers: [ApprovalsController],
  providers: [ApprovalGate, ApprovalQueries],
  exports: [ApprovalGate],
})
export class ApprovalsModule {}
