import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { RepatriationController } from './http/repatriation.commands';

/** The repatriation context: voluntary return with consent, risk assessment, documents, travel. */
@Module({
  imports: [CaseModule],
  controllers: [RepatriationController],
})
export class RepatriationModule {}
