import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { REPATRIATION_COMMAND_HANDLERS } from './application/repatriation-commands';
import { RepatriationController } from './http/repatriation.controller';

/** The repatriation context: voluntary return with consent, risk assessment, documents, travel. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [RepatriationController],
  providers: [...REPATRIATION_COMMAND_HANDLERS],
})
export class RepatriationModule {}
