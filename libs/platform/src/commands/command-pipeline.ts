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

/** A command of the application: its stable name and how it runs. An HTTP route adds to it (command-routes.ts). */
export interface CommandDefinition<Input, Result> {
  /** Stable, e.g. 'CloseCase': what approvals, logs and audits call the command. */
  readonly name: string;
  /** Load, check access, decide, append: usually a track's decider on a case (caseCommand). */
  readonly execute: (input: Input, context: CommandContext, services: CommandServices) => Promise<Result>;
}

/** The one handler of every command, whether an HTTP route or the worker (the system as actor) asks. */
@Injectable()
export class CommandPipeline {
  constructor(private readonly moduleRef: ModuleRef) {}

  run<Input, Result>(
    definition: CommandDefinition<Input, Result>,
    input: Input,
    context: CommandContext,
  ): Promise<Result> {
    // Every command passes here before anything is loaded or decided: the place for a gate on
    // definition.name (e.g. a supervisor's approval).
    return definition.execute(input, context, (token) => this.moduleRef.get(token, { strict: false }));
  }
}
