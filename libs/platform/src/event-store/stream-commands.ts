import { Inject, Injectable } from '@nestjs/common';
import {
  type CommandOptions,
  type CommandResult,
  EVENT_STORE,
  EventCodec,
  type EventStore,
  handleCommand,
} from '@nrm/event-store';
import type { Clock, Decider } from '@nrm/shared-kernel';
import { CLOCK } from '../clock';

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
}
