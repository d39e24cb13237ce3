import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EVENT_STORE, EventCodec, type EventStore, handleCommand } from '@nrm/event-store';
import { CLOCK } from '@nrm/platform/clock';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { type CaseCommand, type CaseState, createCaseDecider } from '../domain/case.decider';
import { currentIndicatorCatalogue } from '../domain/indicator-catalogue/indicator-catalogue';
import { caseStreamName } from '../read-models/case-streams';
import { caseVisibilityOf } from './case-access';

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

const caseDecider = createCaseDecider(currentIndicatorCatalogue);

/** A case the actor may not see is "not found", exactly like one that does not exist. */
export function assertVisible(
  state: CaseState,
  caseId: string,
  actor: Actor,
): asserts state is Extract<CaseState, { exists: true }> {
  const visibility = caseVisibilityOf(actor);
  if (!state.exists || (visibility && visibility.organisationId !== state.organisationId)) {
    throw new NotFoundException(`Case ${caseId} not found`);
  }
}

/** Runs a command against a case stream: load, check access, decide, append with the expected revision. */
@Injectable()
export class CaseCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(
    caseId: string,
    context: CaseCommandContext,
    build: (state: CaseState, now: Date) => CaseCommand,
  ): Promise<CaseCommandResult> {
    const now = this.clock.now();
    const result = await handleCommand(
      this.store,
      this.codec,
      caseDecider,
      caseStreamName(caseId),
      (state) => build(state, now),
      {
        ...context,
        now,
      },
    );
    return {
      caseId,
      revision: Number(result.revision),
      position: result.lastGlobalPosition === null ? null : result.lastGlobalPosition.toString(),
    };
  }

  now(): Date {
    return this.clock.now();
  }
}
