import type { DecodedEvent, DecodedEventOf } from '@nrm/event-store';
import type { DomainEvent } from '@nrm/shared-kernel';

/**
 * How a read model reads a set of events: one rule per event type, given that event typed. A mapped
 * type over the events, so the compiler refuses a set of events with a type that has no rule (an
 * event that changes nothing says so with a rule of its own, e.g. `unchanged`).
 */
export type ReadRules<Event extends DomainEvent, Result> = {
  [Type in Event['type']]: (event: DecodedEventOf<Extract<Event, { type: Type }>>) => Result;
};

/** Rules of any events, as a projection holds them (the rules of several streams joined). */
export type AnyReadRules<Result> = Record<string, (event: never) => Result>;

/**
 * Reads a decoded event by the rule of its type. The one place where a DecodedEvent is taken for the
 * typed event its type names: the codec decoded it by that type's definition, upcast to its current
 * version, so its data has that event's shape.
 */
export function readBy<Result>(rules: AnyReadRules<Result>, event: DecodedEvent): Result {
  const rule = rules[event.type] as (event: DecodedEvent) => Result;
  return rule(event);
}

/** The named fields of an event's data, those it has (an optional field left out stays out). */
export function fieldsOf<Data extends object, Field extends keyof Data & string>(
  data: Data,
  ...fields: Field[]
): Partial<Pick<Data, Field>> {
  return Object.fromEntries(
    fields.filter((field) => data[field] !== undefined).map((field) => [field, data[field]]),
  ) as Partial<Pick<Data, Field>>;
}
