import { type DynamicModule, Module } from '@nestjs/common';
import { ALL_EVENT_TYPES, CaseSummaryRulesModule, WorkerModule } from '@nrm/composition';
import { CaseModule, TracksModule } from '@nrm/case';
import { ShelterModule } from '@nrm/shelter';
import { DeadlinesModule } from '@nrm/deadlines';
import { ApprovalsModule } from '@nrm/approvals';
import { StatisticsModule } from '@nrm/statistics';
import { PersonMatchingModule } from '@nrm/person-matching';
import type { Clock } from '@nrm/shared-kernel';
import { ConsoleModule } from './console/console.module';
import { PlatformModule } from '@nrm/platform';
import { MetricsModule } from './metrics/metrics';
import { IntegrityModule } from './integrity/integrity.module';

/** The HTTP API; with `withWorker` it also runs the worker in the same process (local default). */
@Module({})
export class ApiModule {
  static create({ withWorker, clock }: { withWorker: boolean; clock?: Clock }): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ eventTypes: ALL_EVENT_TYPES, http: true, clock }),
        CaseSummaryRulesModule,
        CaseModule,
        TracksModule,
        ShelterModule,
        DeadlinesModule,
        ApprovalsModule,
        ConsoleModule,
        StatisticsModule,
        PersonMatchingModule,
        MetricsModule,
        IntegrityModule,
        ...(withWorker ? [WorkerModule] : []),
      ],
    };
  }
}
