import { type DynamicModule, Module } from '@nestjs/common';
import { ALL_EVENT_TYPES, CaseSummaryRulesModule } from '@nrm/composition';
import { CaseModule, TracksModule } from '@nrm/case';
import { ShelterModule } from '@nrm/shelter';
import { DeadlinesModule } from '@nrm/deadlines';
import { StatisticsModule } from '@nrm/statistics';
import { ConsoleModule } from './console/console.module';
import { PlatformModule } from '@nrm/platform/platform.module';
import { WorkerModule } from '../../worker/src/worker.module';
import { MetricsModule } from './metrics/metrics';

/** The HTTP API; with `withWorker` it also runs the worker in the same process (local default). */
@Module({})
export class ApiModule {
  static create({ withWorker }: { withWorker: boolean }): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ eventTypes: ALL_EVENT_TYPES, http: true }),
        CaseSummaryRulesModule,
        CaseModule,
        TracksModule,
        ShelterModule,
        DeadlinesModule,
        ConsoleModule,
        StatisticsModule,
        MetricsModule,
        ...(withWorker ? [WorkerModule] : []),
      ],
    };
  }
}
