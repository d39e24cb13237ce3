import 'reflect-metadata';
import { enableBoundedShutdown } from '@nrm/platform/bounded-shutdown';
import { runProcess } from '@nrm/platform/run-process';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ALL_EVENT_TYPES } from '@nrm/composition';
import { ProcessLogger } from '@nrm/platform/logging/process-log';
import { PlatformModule } from '@nrm/platform/platform.module';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

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
