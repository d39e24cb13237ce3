import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { allProjections, CaseSummaryRulesModule } from './index';
import { EVENT_STORE, EventCodec, type EventStore } from '@nrm/event-store';
import { DeadlineJobs, DeadlineSchedulerModule } from '@nrm/deadlines';
import { Environment, IntegrityAnchorJob } from '@nrm/platform';
import { ProjectionRunner } from '@nrm/projections';
import { DataSource } from 'typeorm';

/**
 * The worker: keeps every read model up to date, runs the deadline jobs and anchors the event
 * streams' heads. Here, not in an app, as both the worker process and the API (with --with-worker)
 * run it, and apps never import each other.
 */
@Module({
  // CaseSummaryRulesModule: the case library's reads (asOf) need the rules wherever it is loaded.
  imports: [DeadlineSchedulerModule, CaseSummaryRulesModule],
  providers: [
    IntegrityAnchorJob,
    {
      provide: ProjectionRunner,
      inject: [DataSource, EVENT_STORE, EventCodec, DeadlineJobs, Environment],
      useFactory: (
        dataSource: DataSource,
        store: EventStore,
        codec: EventCodec,
        deadlineJobs: DeadlineJobs,
        env: Environment,
      ) => {
        const logger = new Logger('Projections');
        return new ProjectionRunner(
          dataSource,
          store,
          codec,
          allProjections(env, { deadlinesChanged: (ids) => deadlineJobs.scheduleFor(ids) }),
          {
            safetyNetMs: env.PROJECTION_SAFETY_NET_MS,
            log: {
              info: (message, context) => logger.log({ ...context }, message),
              error: (message, context) => logger.error({ ...context }, message),
            },
          },
        );
      },
    },
  ],
  exports: [ProjectionRunner],
})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ProjectionRunner) private readonly projections: ProjectionRunner) {}

  onApplicationBootstrap(): void {
    this.projections.start();
  }

  /** Graceful shutdown: the batch in hand commits (with its checkpoint) before the process ends. */
  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
  }
}
