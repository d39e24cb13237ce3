import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventTypeDefinition } from '@nrm/shared-kernel';
import type { EventMetadata, NewEvent, RecordedEvent } from './event-store.port';
import type { PersonalDataProtector, ProtectedPersonalData } from './personal-data';
import { findUnstorableText, UnstorableEventError } from './storable-text';

/** How an event type is stored; defined with the events (defineEvent in the shared kernel). */
export type { EventTypeDefinition };

/** A stored event as the application reads it: upcast, personal data revealed (or marked erased). */
export interface DecodedEvent<Data = Record<string, unknown>> {
  type: string;
  data: Data;
  metadata: EventMetadata;
  streamName: string;
  revision: bigint;
  globalPosition: bigint;
  /** True when the subject's personal data was erased: personal fields are then absent. */
  personalDataErased: boolean;
}

/** A decoded event of one known type: its type name and its data typed as that event's. */
export type DecodedEventOf<Event extends DomainEvent> = DecodedEvent<Event['data']> & { type: Event['type'] };

const PERSONAL_DATA_KEY = 'personalData';

/** Serialises domain events to stored events and back, through the personal-data boundary. */
export class EventCodec {
  constructor(
    private readonly definitions: Record<string, EventTypeDefinition>,
    private readonly protector: PersonalDataProtector,
  ) {}

  knows(type: string): boolean {
    return type in this.definitions;
  }

  /** Throws UnstorableEventError (before encrypting anything) when the event holds text the store cannot keep. */
  async encode(event: { type: string; data: object }, metadata: EventMetadata): Promise<NewEvent> {
    const definition = this.definitionOf(event.type);
    // Personal fields are checked in clear, before encryption would hide them from the store's own check.
    const unstorable = [...findUnstorableText(event.data, ''), ...findUnstorableText(metadata, 'metadata')];
    if (unstorable.length > 0) throw new UnstorableEventError(event.type, unstorable);
    const data = { ...(event.data as Record<string, unknown>) };
    const personal: Record<string, unknown> = {};
    for (const field of definition.personalFields) {
      if (field in data) {
        personal[field] = data[field];
        delete data[field];
      }
    }
    if (Object.keys(personal).length > 0) {
      const subjectId = definition.subjectField ? data[definition.subjectField] : undefined;
      if (typeof subjectId !== 'string') throw new Error(`${event.type} carries personal data without a subject`);
      data[PERSONAL_DATA_KEY] = await this.protector.protect(subjectId, personal, {
        newSubject: definition.introducesSubject === true,
      });
    }
    return { id: randomUUID(), type: event.type, schemaVersion: definition.schemaVersion, data, metadata };
  }

  /** Decodes a batch (a stream, a projection's page): the protector prepares for all its subjects at once. */
  async decodeAll(recorded: readonly RecordedEvent[]): Promise<DecodedEvent[]> {
    const subjects = new Set<string>();
    for (const event of recorded) {
      const subjectId = (event.data[PERSONAL_DATA_KEY] as ProtectedPersonalData | undefined)?.subjectId;
      if (typeof subjectId === 'string') subjects.add(subjectId);
    }
    if (subjects.size > 0) await this.protector.prepareToReveal?.([...subjects]);
    // One after the other: inside a command's transaction, key look-ups share one connection.
    const decoded: DecodedEvent[] = [];
    for (const event of recorded) decoded.push(await this.decode(event));
    return decoded;
  }

  async decode<Data = Record<string, unknown>>(recorded: RecordedEvent): Promise<DecodedEvent<Data>> {
    const definition = this.definitionOf(recorded.type);
    const { [PERSONAL_DATA_KEY]: protectedData, ...rest } = recorded.data;
    let data: Record<string, unknown> = rest;
    let personalDataErased = false;
    if (protectedData !== undefined) {
      const personal = await this.protector.reveal(protectedData as ProtectedPersonalData);
      if (personal === null) personalDataErased = true;
      else data = { ...data, ...personal };
    }
    for (let version = recorded.schemaVersion; version < definition.schemaVersion; version++) {
      const upcast = definition.upcasters?.[version];
      if (!upcast) throw new Error(`No upcaster for ${recorded.type} from version ${version}`);
      data = upcast(data);
    }
    return {
      type: recorded.type,
      data: data as Data,
      metadata: recorded.metadata,
      streamName: recorded.streamName,
      revision: recorded.revision,
      globalPosition: recorded.globalPosition,
      personalDataErased,
    };
  }

  private definitionOf(type: string): EventTypeDefinition {
    const definition = this.definitions[type];
    if (!definition) throw new Error(`Unknown event type ${type}`);
    return definition;
  }
}
