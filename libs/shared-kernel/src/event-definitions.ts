import type { DomainEvent } from './decider';

/** How an event type is stored (the event store's codec reads it). */
export interface EventTypeDefinition {
  /** The version written now. Older versions are brought up to it by `upcasters` on read. */
  schemaVersion: number;
  /** Top-level data fields holding personal data. */
  personalFields: readonly string[];
  /** The data field naming the person the personal data belongs to. */
  subjectField?: string;
  /**
   * The event that brings its subject into being (a case's person at its opening): the subject's
   * key is made without asking whether one exists (see PersonalDataProtector.protect).
   */
  introducesSubject?: true;
  /** upcasters[v] turns data of version v into version v + 1. */
  upcasters?: Record<number, (data: Record<string, unknown>) => Record<string, unknown>>;
}

declare const dataOfEvent: unique symbol;

/**
 * One event type, written once: how it is stored (schema version, personal fields, subject,
 * upcasters), typed by its data, so that the personal fields and the subject are fields the data
 * has, and the event's TypeScript type derives from the same definition (EventsOf).
 */
export interface EventDefinition<Data extends object> extends EventTypeDefinition {
  readonly personalFields: readonly (keyof Data & string)[];
  readonly subjectField?: keyof Data & string;
  /** Never set: it only carries the data type to EventsOf. */
  readonly [dataOfEvent]?: Data;
}

/** Defines an event of data `Data`; the event's type name is its key in the track's definitions. */
export function defineEvent<Data extends object>(storage: EventDefinition<Data>): EventDefinition<Data> {
  return storage;
}

/** The union of the events a set of definitions defines: `{ type: <key>, data: <its Data> }` for each. */
export type EventsOf<Definitions extends Record<string, EventTypeDefinition>> = {
  [Type in keyof Definitions & string]: DomainEvent<Type, DataOf<Definitions[Type]>>;
}[keyof Definitions & string];

type DataOf<Definition> = Definition extends { readonly [dataOfEvent]?: infer Data extends object } ? Data : never;

/** The event of a union with the given type name. */
export type EventNamed<Event extends { type: string }, Type extends Event['type']> = Extract<Event, { type: Type }>;
