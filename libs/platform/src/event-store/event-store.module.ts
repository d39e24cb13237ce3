import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  EventCodec,
  type EventTypeDefinition,
  PERSONAL_DATA_PROTECTOR,
  type PersonalDataProtector,
  PlaintextPersonalDataProtector,
} from '@nrm/event-store';
import { Environment } from '../config/environment';
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
        { provide: PERSONAL_DATA_PROTECTOR, useClass: PlaintextPersonalDataProtector },
        {
          provide: EventCodec,
          inject: [PERSONAL_DATA_PROTECTOR],
          useFactory: (protector: PersonalDataProtector) => new EventCodec(definitions, protector),
        },
      ],
      exports: [EVENT_STORE, EventCodec, PERSONAL_DATA_PROTECTOR],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
