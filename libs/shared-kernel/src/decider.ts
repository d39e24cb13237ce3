/**
 * A decider is the whole write-side behaviour of one stream as plain functions:
 * `decide` turns a command and the current state into new events (or throws a DomainRuleViolation),
 * `evolve` folds an event into the state, `initialState` is the state of an empty stream.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function foldEvents<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** A domain event: a past-tense type and its data. Metadata (who, when, why) travels beside it. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}
