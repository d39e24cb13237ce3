import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Actor } from '@nrm/shared-kernel';

/** Who asks, the request's correlation and (from If-Match) the revision the caller read. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  expectedRevision?: bigint | undefined;
}

/** The application's services a command runs with (CaseCommands, ShelterCommands, the clock, …). */
export type CommandServices = <Service>(token: Type<Service> | string | symbol) => Service;

/** A gated command asked by someone who may not act alone: recorded for approval, answered 202. */
export interface PendingApproval {
  approvalId: string;
  status: 'pending';
}

export const isPendingApproval = (result: unknown): result is PendingApproval =>
  typeof result === 'object' &&
  result !== null &&
  'approvalId' in result &&
  (result as Partial<PendingApproval>).status === 'pending';

/**
 * What a country may put under a supervisor's approval (libs/approvals provides it): 'proceed', or the
 * recorded request to answer instead of running the command.
 */
export interface CommandGate {
  intercept(
    name: string,
    caseId: string,
    command: object,
    context: CommandContext,
  ): Promise<'proceed' | PendingApproval>;
}

export const COMMAND_GATE = Symbol('COMMAND_GATE');

/** A command of the application: its stable name and how it runs. An HTTP route adds to it (command-routes.ts). */
export interface CommandDefinition<Input, Result> {
  /** Stable, e.g. 'CloseCase': what approvals, logs and audits call the command. */
  readonly name: string;
  /**
   * A command a country may put under approval states its case and the command as the approver will
   * see it; the gate then decides whether it runs now. Its Result must admit a PendingApproval.
   */
  readonly gate?: (input: Input) => { caseId: string; command: object };
  /** Load, check access, decide, append: usually a track's decider on a case (caseCommand). */
  readonly execute: (input: Input, context: CommandContext, services: CommandServices) => Promise<Result>;
}

/** The one handler of every command, whether an HTTP route or the worker (the system as actor) asks. */
@Injectable()
export class CommandPipeline {
  constructor(private readonly moduleRef: ModuleRef) {}

  async run<Input, Result>(
    definition: CommandDefinition<Input, Result>,
    input: Input,
    context: CommandContext,
  ): Promise<Result> {
    const services: CommandServices = (token) => this.moduleRef.get(token, { strict: false });
    if (definition.gate) {
      const { caseId, command } = definition.gate(input);
      const verdict = await services<CommandGate>(COMMAND_GATE).intercept(definition.name, caseId, command, context);
      // A gated definition's Result includes the pending answer (see `gate`).
      if (verdict !== 'proceed') return verdict as Result;
    }
    return definition.execute(input, context, services);
  }
}
