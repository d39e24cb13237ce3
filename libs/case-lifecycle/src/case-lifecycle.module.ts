import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseModule } from '@nrm/case';

/** The case-lifecycle context: its commands, queries and endpoints. */
@Module({
  imports: [CqrsModule, CaseModule],
  controllers: [],
  providers: [],
})
export class CaseLifecycleModule {}
