import 'reflect-metadata';
import { enableBoundedShutdown, runProcess, ProcessLogger, PlatformModule } from '@nrm/platform';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ALL_EVENT_TYPES, WorkerModule } from '@nrm/composition';
import { Logger } from 'nestjs-pino';

@Module({ imports: [PlatformModule.forRoot({ eventTypes: ALL_EVENT_TYPES, http: false }), WorkerModule] })
class WorkerProcessModule {}

/** The worker process alone (production): projections, later the deadline queue. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerProcessModule, {
    bufferLogs: true,
    logger: new ProcessLogger(),
  });
  app.useLogger(app.get(Logger));
  enableBoundedShutdown(app, app.get(Logger));
}

runProcess(bootstrap);
