import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApprovalsModule } from '@nrm/approvals/approvals.module';
import { CaseModule } from '@nrm/case';
import { ReintegrationCommandHandler } from './application/reintegration-commands';
import { ReintegrationController } from './http/reintegration.controller';

/** The reintegration context: the individual plan, services, reviews, completion. */
@Module({
  imports: [CqrsModule, CaseModule, ApprovalsModule],
  controllers: [ReintegrationController],
  providers: [ReintegrationCommandHandler],
})
export class ReintegrationModule {}
