import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  EventCodec,
  type EventTypeDefinition,
  PERSONAL_DATA_PROTECTOR,
  type PersonalDataProtector,
} from '@nrm/event-store';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { PERSONAL_DATA_ERASER, personalDataProtectorFor } from '../personal-data';
import { createEventStore } from './create-event-store';

const EVENT_STORE_HANDLE = Symbol('EVENT_STORE_HANDLE');

/** Chooses the event-store adapter from EVENT_STORE and builds the codec for every event type. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE_HANDLE) private readonly handle: ReturnType<typeof createEventStore>) {}

  static forRoot(definitions: Record<string, EventTypeDefinition>): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE_HANDLE,
          inject: [Environment],
          useFactory: (env: Environment) => {
            const logger = new Logger('EventStore');
            return createEventStore(env, (error) =>
              logger.warn(`event store: ${error instanceof Error ? error.message : String(error)}`),
            );
          },
        },
        {
          provide: EVENT_STORE,
          inject: [EVENT_STORE_HANDLE],
          useFactory: (handle: ReturnType<typeof createEventStore>) => handle.store,
        },
        {
          // Per-person AES-256-GCM keys in PostgreSQL, wrapped by PERSONAL_DATA_MASTER_KEY.
          provide: PERSONAL_DATA_PROTECTOR,
          inject: [Environment, DataSource],
          useFactory: (env: Environment, dataSource: DataSource) =>
            personalDataProtectorFor(env, (sql, parameters) => dataSource.query(sql, parameters)),
        },
        { provide: PERSONAL_DATA_ERASER, useExisting: PERSONAL_DATA_PROTECTOR },
        {
          provide: EventCodec,
          inject: [PERSONAL_DATA_PROTECTOR],
          useFactory: (protector: PersonalDataProtector) => new EventCodec(definitions, protector),
        },
      ],
      exports: [EVENT_STORE, EventCodec, PERSONAL_DATA_PROTECTOR, PERSONAL_DATA_ERASER],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
