import { Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseModule, closeAround, caseLifecycleDecider, reintegrationDecider } from '@nrm/case';
import { COMMAND_GATE, type CommandServices } from '@nrm/platform';
import { ApprovalGate } from './application/approval-gate';
import { ApprovalQueries } from './application/approval-queries';
import { ApprovalDecisionsController } from './http/approval-decisions.commands';
import { ApprovalsController } from './http/approvals.controller';
import { ApprovalEntity } from './read-models/approval.entity';

/**
 * Supervisor approvals: the command pipeline's gate (COMMAND_GATE), the approvals list and the
 * decisions. The commands a country may gate are declared here with the deciders an approval runs.
 */
@Module({
  imports: [CaseModule, TypeOrmModule.forFeature([ApprovalEntity])],
  controllers: [ApprovalsController, ApprovalDecisionsController],
  providers: [ApprovalGate, ApprovalQueries, { provide: COMMAND_GATE, useExisting: ApprovalGate }],
  exports: [ApprovalGate, COMMAND_GATE],
})
export class ApprovalsModule implements OnModuleInit {
  constructor(
    private readonly gate: ApprovalGate,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const services: CommandServices = (token) => this.moduleRef.get(token, { strict: false });
    this.gate.register({
      name: 'CloseCase',
      decider: caseLifecycleDecider,
      around: (caseId, context, append) => closeAround(caseId, context, services, append),
    });
    this.gate.register({ name: 'AdoptReintegrationPlan', decider: reintegrationDecider });
  }
}
