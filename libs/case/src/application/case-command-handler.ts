import { Injectable } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import type { Actor, Decider } from '@nrm/shared-kernel';
import type { CaseEvent } from '../tracks';
import type { CaseState } from '../tracks/case-state';
import { type CaseCommandContext, type CaseCommandResult, CaseCommands } from './case-commands';

type DeciderCommand = { type: string; actor: Actor; now: Date };

/** A command as the caller states it: the decider's command without the actor and the time. */
export type RequestedCommand<Command extends DeciderCommand> = Command extends unknown
  ? Omit<Command, 'actor' | 'now'>
  : never;

/**
 * A context's commands on the bus: which case, what is asked, and the request's context. Each
 * context declares one subclass (so the bus routes it to that context's handler).
 */
export abstract class CaseCommandMessage<Command extends DeciderCommand> {
  constructor(
    readonly caseId: string,
    readonly command: RequestedCommand<Command>,
    readonly context: CaseCommandContext,
  ) {}
}

/**
 * Runs a context's commands through its decider on a case the actor may see (CaseCommands.runOnVisibleCase).
 * Each context declares one subclass naming its decider, decorated with @CommandHandler(its message).
 */
@Injectable()
export abstract class CaseCommandHandler<Command extends DeciderCommand> implements ICommandHandler<
  CaseCommandMessage<Command>,
  CaseCommandResult
> {
  protected abstract readonly decider: Decider<CaseState, Command, CaseEvent>;

  constructor(protected readonly cases: CaseCommands) {}

  execute({ caseId, command, context }: CaseCommandMessage<Command>): Promise<CaseCommandResult> {
    return this.cases.runOnVisibleCase<Command>(caseId, context, this.decider, command);
  }
}
