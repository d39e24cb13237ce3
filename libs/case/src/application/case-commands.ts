import { Injectable } from '@nestjs/common';
import { StreamCommands } from '@nrm/platform';
import { type Actor, type Decider, NotFoundError } from '@nrm/shared-kernel';
import type { CaseEvent } from '../tracks';
import type { CaseState, ExistingCase } from '../tracks/case-state';
import { caseStreamName } from '../domain/case-stream';
import { seesCaseInFull } from './case-access';

export interface CaseCommandContext {
  actor: Actor;
  correlationId: string;
  /** From If-Match: the revision the caller read. */
  expectedRevision?: bigint;
  /** The command opens a new case under a fresh id (see handleCommand's newStream). */
  newStream?: boolean;
}

export interface CaseCommandResult {
  caseId: string;
  revision: number;
  /** Global position of the last event appended; null when nothing changed. */
  position: string | null;
}

/**
 * A case the actor may not see in full (case-access.ts) is "not found", exactly like one that does
 * not exist. Commands need the full view: shelter staff's care view is read only.
 */
export function assertVisible(state: CaseState, caseId: string, actor: Actor): asserts state is ExistingCase {
  if (
    !state.exists ||
    !seesCaseInFull(actor, {
      organisationId: state.organisationId,
      referredToOrganisationId: state.referral.competentAuthorityOrgId,
    })
  ) {
    throw new NotFoundError(`Case ${caseId} not found`);
  }
}

/**
 * Runs a command of any context against a case stream: load, check access (in `build`), decide,
 * append with the expected revision.
 */
@Injectable()
export class CaseCommands {
  constructor(private readonly streams: StreamCommands) {}

  /** Any decider of the case stream: a context's (on CaseState), or one folding more of it (approvals). */
  async run<Command, State = CaseState, Event extends { type: string; data: object } = CaseEvent>(
    caseId: string,
    context: CaseCommandContext,
    decider: Decider<State, Command, Event>,
    build: (state: State, now: Date) => Command,
  ): Promise<CaseCommandResult> {
    const result = await this.streams.run(decider, caseStreamName(caseId), build, context);
    return {
      caseId,
      revision: Number(result.revision),
      position: result.lastGlobalPosition === null ? null : result.lastGlobalPosition.toString(),
    };
  }

  /**
   * The usual case command: on a case the actor may see (404 otherwise, before anything else),
   * completed with the actor and the time.
   */
  runOnVisibleCase<Command extends { type: string; actor: Actor; now: Date }>(
    caseId: string,
    context: CaseCommandContext,
    decider: Decider<CaseState, Command, CaseEvent>,
    command: Omit<Command, 'actor' | 'now'>,
  ): Promise<CaseCommandResult> {
    return this.run(caseId, context, decider, (state, now) => {
      assertVisible(state, caseId, context.actor);
      return { ...command, actor: context.actor, now } as Command;
    });
  }

  /**
   * Every refusal the command would meet on the case as its stream is now (404, 412, its rules),
   * without appending: for a command that must act elsewhere first (a closure ends the placements).
   */
  async assertWouldDecide<Command extends { type: string; actor: Actor; now: Date }>(
    caseId: string,
    context: CaseCommandContext,
    decider: Decider<CaseState, Command, CaseEvent>,
    command: Omit<Command, 'actor' | 'now'>,
  ): Promise<void> {
    await this.streams.assertWouldDecide(
      decider,
      caseStreamName(caseId),
      (state, now) => {
        assertVisible(state, caseId, context.actor);
        return { ...command, actor: context.actor, now } as Command;
      },
      context.expectedRevision,
    );
  }

  now(): Date {
    return this.streams.now();
  }
}
