import type { CommandContext, CommandServices } from '@nrm/platform';
import type { Actor, Decider } from '@nrm/shared-kernel';
import type { CaseEvent } from '../tracks';
import type { CaseState } from '../tracks/case-state';
import { type CaseCommandResult, CaseCommands } from './case-commands';

export type DeciderCommand = { type: string; actor: Actor; now: Date };

/** A command as the caller states it: the decider's command without the actor and the time. */
export type RequestedCommand<Command extends DeciderCommand> = Command extends unknown
  ? Omit<Command, 'actor' | 'now'>
  : never;

/**
 * The usual commands of a track: on the path's case, which the actor must see (404 otherwise), the
 * body stated as the decider's command, decided and appended (CaseCommands.runOnVisibleCase).
 * `const referralCommand = onVisibleCase(referralDecider)`, then per route
 * `execute: referralCommand((body: ReferCaseDto) => ({ type: 'ReferCase', ... }))`.
 */
export function onVisibleCase<Command extends DeciderCommand>(decider: Decider<CaseState, Command, CaseEvent>) {
  return <Body>(toCommand: (body: Body) => RequestedCommand<Command>) =>
    (
      { id, body }: { id: string; body: Body },
      context: CommandContext,
      services: CommandServices,
    ): Promise<CaseCommandResult> =>
      services(CaseCommands).runOnVisibleCase<Command>(id, context, decider, toCommand(body));
}
