import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';
import { RepatriationCommandHandler } from './application/repatriation-commands';
import { RepatriationController } from './http/repatriation.controller';

/** The repatriation context: voluntary return with consent, risk assessment, documents, travel. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [RepatriationController],
  providers: [RepatriationCommandHandler],
})
export class RepatriationModule {}
