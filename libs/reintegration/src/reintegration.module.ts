import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { ReintegrationController } from './http/reintegration.commands';

/** The reintegration context: the individual plan, services, reviews, completion. */
@Module({
  imports: [CaseModule],
  controllers: [ReintegrationController],
})
export class ReintegrationModule {}
