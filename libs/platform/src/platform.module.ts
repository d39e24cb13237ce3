import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type EventTypeDefinition, GuardedPool } from '@nrm/event-store';
import * as pg from 'pg';
import { type Clock, systemClock } from '@nrm/shared-kernel';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { dataSourceOptions } from './database/data-source';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthCheck } from './health/health-check';
import { HealthController } from './health/health.controller';
import { IdempotentCommands } from './idempotency/idempotent-commands';
import { CommandPipeline } from './commands/command-pipeline';
import { CommandResponder } from './http/command-request';
import { ReadYourWrites } from './http/read-your-writes';
import { loggingModule } from './logging/logging';
import { RedisModule } from './redis/redis.module';
import { CLOCK } from './clock';
import { storeIntegrityProvider } from './integrity/integrity.providers';
import { StoreIntegrity } from './integrity/store-integrity';

/** Everything both processes share: configuration, logs, PostgreSQL, Redis, the event store, auth. */
@Module({})
export class PlatformModule {
  /** `clock`: the time of the whole process; tests give a FixedClock they move on. */
  static forRoot(options: {
    eventTypes: Record<string, EventTypeDefinition>;
    http: boolean;
    clock?: Clock;
  }): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule,
        loggingModule,
        TypeOrmModule.forRootAsync({
          inject: [Environment],
          useFactory: (env: Environment) => ({
            ...dataSourceOptions(env.DATABASE_URL, [], env.DATABASE_POOL_SIZE),
            autoLoadEntities: true,
            // node-postgres as it is, but for its pool: a lost connection must not end the process.
            driver: { ...pg, Pool: GuardedPool },
          }),
        }),
        RedisModule,
        EventStoreModule.forRoot(options.eventTypes),
        ...(options.http ? [AuthModule] : []),
      ],
      controllers: options.http ? [HealthController] : [],
      providers: [
        ...(options.http ? [HealthCheck] : []),
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        IdempotentCommands,
        CommandResponder,
        CommandPipeline,
        ReadYourWrites,
        storeIntegrityProvider,
      ],
      exports: [CLOCK, IdempotentCommands, CommandResponder, CommandPipeline, ReadYourWrites, StoreIntegrity],
    };
  }
}
