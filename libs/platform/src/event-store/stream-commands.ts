import { Inject, Injectable } from '@nestjs/common';
import {
  type CommandOptions,
  type CommandResult,
  EVENT_STORE,
  EventCodec,
  type EventStore,
  handleCommand,
  StaleRevisionError,
  type StreamRevision,
} from '@nrm/event-store';
import type { Clock, Decider } from '@nrm/shared-kernel';
import { CLOCK } from '../clock';

/** How a stream's events make a state: a decider's initial state and evolve. */
export type StreamFold<State, Event> = Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>;

/** A command's result, and the moment it was decided at (the events' occurredAt). */
export type StreamCommandResult<Event> = CommandResult<Event> & { readonly decidedAt: Date };

/**
 * Runs a decider's command on one stream of the store at the injected clock's now: `build` makes
 * the command from the stream's state and that moment, so a rule on time and the events' occurredAt
 * see the same instant (handleCommand: load, decide, append; retried on a concurrent write).
 */
@Injectable()
export class StreamCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<State, Command, Event extends { type: string; data: object }>(
    decider: Decider<State, Command, Event>,
    streamName: string,
    build: (state: State, now: Date) => Command,
    options: Omit<CommandOptions, 'now'>,
  ): Promise<StreamCommandResult<Event>> {
    const now = this.clock.now();
    const result = await handleCommand(this.store, this.codec, decider, streamName, (state) => build(state, now), {
      ...options,
      now,
    });
    return { ...result, decidedAt: now };
  }

  /** The stream's state as `fold` makes it from its events, and its revision (null: no stream). */
  async read<State, Event>(
    streamName: string,
    fold: StreamFold<State, Event>,
  ): Promise<{ state: State; revision: StreamRevision | null }> {
    const stream = await this.store.readStream(streamName);
    let state = fold.initialState();
    for (const decoded of await this.codec.decodeAll(stream.events)) {
      state = fold.evolve(state, { type: decoded.type, data: decoded.data } as unknown as Event);
    }
    return { state, revision: stream.currentRevision };
  }

  /**
   * Every refusal the command would meet on the stream as it is now (`build`'s own checks, then 412
   * for a stale `expectedRevision`, then the decider's rules), without appending: for a command that
   * must act elsewhere first (a closure ends the case's placements).
   */
  async assertWouldDecide<State, Command, Event>(
    decider: Decider<State, Command, Event>,
    streamName: string,
    build: (state: State, now: Date) => Command,
    expectedRevision?: StreamRevision,
  ): Promise<void> {
    const { state, revision } = await this.read(streamName, decider);
    const command = build(state, this.clock.now());
    if (expectedRevision !== undefined && revision !== expectedRevision) {
      throw new StaleRevisionError(streamName, expectedRevision, revision);
    }
    decider.decide(command, state);
  }

  now(): Date {
    return this.clock.now();
  }
}
