import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  EventCodec,
  type EventTypeDefinition,
  PERSONAL_DATA_PROTECTOR,
  type PersonalDataProtector,
  UNIT_OF_WORK,
} from '@nrm/event-store';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { PERSONAL_DATA_ERASER, personalDataProtectorFor } from '../personal-data';
import { createEventStore, type EventStoreHandle } from './create-event-store';
import { StreamCommands } from './stream-commands';

const EVENT_STORE_HANDLE = Symbol('EVENT_STORE_HANDLE');

/** The write side's SQL (a SqlQuery): joins the command's transaction when the unit of work has one. */
export const WRITE_SQL = Symbol('WRITE_SQL');

/** The write side's writes whose result nobody waits for (a SqlWithoutResult): with the unit's next round trip. */
export const SEND_WITH_NEXT = Symbol('SEND_WITH_NEXT');

/** Chooses the event-store adapter from EVENT_STORE and builds the codec for every event type. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE_HANDLE) private readonly handle: EventStoreHandle) {}

  static forRoot(definitions: Record<string, EventTypeDefinition>): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE_HANDLE,
          inject: [Environment, DataSource],
          useFactory: (env: Environment, dataSource: DataSource) => {
            const logger = new Logger('EventStore');
            return createEventStore(
              env,
              (error) => logger.warn(`event store: ${error instanceof Error ? error.message : String(error)}`),
              (sql, parameters) => dataSource.query(sql, parameters),
            );
          },
        },
        {
          provide: EVENT_STORE,
          inject: [EVENT_STORE_HANDLE],
          useFactory: (handle: EventStoreHandle) => handle.store,
        },
        { provide: UNIT_OF_WORK, inject: [EVENT_STORE_HANDLE], useFactory: (h: EventStoreHandle) => h.unitOfWork },
        { provide: WRITE_SQL, inject: [EVENT_STORE_HANDLE], useFactory: (h: EventStoreHandle) => h.writeSql },
        { provide: SEND_WITH_NEXT, inject: [EVENT_STORE_HANDLE], useFactory: (h: EventStoreHandle) => h.sendWithNext },
        {
          // Per-person AES-256-GCM keys in PostgreSQL, wrapped by PERSONAL_DATA_MASTER_KEY; a new key
          // commits with the command's events (same transaction) when the store is PostgreSQL, and a
          // new subject's key is then written without a round trip of its own.
          provide: PERSONAL_DATA_PROTECTOR,
          inject: [Environment, EVENT_STORE_HANDLE],
          useFactory: (env: Environment, handle: EventStoreHandle) =>
            personalDataProtectorFor(env, handle.writeSql, handle.unitOfWork.atomic ? handle.sendWithNext : undefined),
        },
        { provide: PERSONAL_DATA_ERASER, useExisting: PERSONAL_DATA_PROTECTOR },
        {
          provide: EventCodec,
          inject: [PERSONAL_DATA_PROTECTOR],
          useFactory: (protector: PersonalDataProtector) => new EventCodec(definitions, protector),
        },
        StreamCommands,
      ],
      exports: [
        EVENT_STORE,
        UNIT_OF_WORK,
        WRITE_SQL,
        SEND_WITH_NEXT,
        EventCodec,
        PERSONAL_DATA_PROTECTOR,
        PERSONAL_DATA_ERASER,
        StreamCommands,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
