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

/**
 * One function per command type: it takes that command and the state, and returns the event it decides,
 * or the events it decides (none when the command changes nothing). The compiler asks for every type.
 */
export type CommandDeciders<State, Command extends { type: string }, Event> = {
  [Type in Command['type']]: (command: Extract<Command, { type: Type }>, state: State) => Event | readonly Event[];
};

/** A decider's `decide` written as one function per command type. */
export function decideByType<State, Command extends { type: string }, Event>(
  deciders: CommandDeciders<State, Command, Event>,
): Decider<State, Command, Event>['decide'] {
  return (command, state) => {
    const decide = deciders[command.type as Command['type']] as (command: Command, state: State) => Event | Event[];
    const decided = decide(command, state);
    return Array.isArray(decided) ? decided : [decided];
  };
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
