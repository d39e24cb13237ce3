import { Injectable } from '@nestjs/common';
import type { StreamRevision } from '@nrm/event-store';
import { StreamCommands, type StreamFold } from '@nrm/platform';
import {
  type CaseEvent,
  type CaseState,
  caseStreamName,
  evolveCase,
  initialCaseState,
  type Sex,
} from '@nrm/case/domain';
import { type Actor, ForbiddenError, NotFoundError } from '@nrm/shared-kernel';
import {
  type RegisteredShelter,
  shelterDecider,
  type ShelterCommand,
  type ShelterState,
} from '../domain/shelter.decider';

/** Shelter streams are named `shelter-<shelter id>`. */
export const shelterStreamName = (shelterId: string): string => `shelter-${shelterId}`;

/**
 * Enough re-decisions after a concurrent write that, when many accepts race for the last bed,
 * every loser decides again on the fresh state and is refused by the rule ('shelter-full'),
 * never by a concurrency error.
 */
const MAX_RETRIES = 60;

export interface ShelterCommandContext {
  actor: Actor;
  correlationId: string;
  /** From If-Match: the shelter revision the caller read (GET /shelters/{id}). */
  expectedRevision?: bigint;
  newStream?: boolean;
}

export interface ShelterCommandResult {
  shelterId: string;
  /** The shelter stream's revision after the command (its ETag). */
  revision: number;
  /** Global position of the last event appended; null when nothing changed. */
  position: string | null;
}

/** What the placement rules need from a case, read from its stream. */
export interface CaseReading {
  state: CaseState;
  revision: StreamRevision | null;
  /** From CaseOpened: stays after an erasure (not personal data). */
  sex: Sex | null;
}

/** Coordinators (and admins) act on any shelter; shelter staff only on their organisation's. */
/** The case, and the sex its opening recorded (which stays after an erasure: it is not personal data). */
const CASE_WITH_SEX: StreamFold<Omit<CaseReading, 'revision'>, CaseEvent> = {
  initialState: () => ({ state: initialCaseState(), sex: null }),
  evolve: ({ state, sex }, event) => ({
    state: evolveCase(state, event),
    sex: event.type === 'CaseOpened' ? event.data.sex : sex,
  }),
};

export function assertOperatorStaff(state: RegisteredShelter, actor: Actor): void {
  if (actor.roles.some((role) => role === 'coordinator' || role === 'admin')) return;
  if (actor.roles.includes('shelter-staff') && actor.organisationId === state.operatorOrgId) return;
  throw new ForbiddenError(`Only the staff of ${state.operatorOrgId}, the shelter's operator, may do this`);
}

export function assertShelterFound(state: ShelterState, shelterId: string): asserts state is RegisteredShelter {
  if (!state.exists) throw new NotFoundError(`Shelter ${shelterId} not found`);
}

/** Runs a command against a shelter stream: load, check access (in `build`), decide, append. */
@Injectable()
export class ShelterCommands {
  constructor(private readonly streams: StreamCommands) {}

  async run<Command extends ShelterCommand>(
    shelterId: string,
    context: ShelterCommandContext,
    build: (state: ShelterState, now: Date) => Command,
  ): Promise<ShelterCommandResult> {
    const result = await this.streams.run(shelterDecider, shelterStreamName(shelterId), build, {
      ...context,
      maxRetries: MAX_RETRIES,
    });
    return {
      shelterId,
      revision: Number(result.revision),
      position: result.lastGlobalPosition === null ? null : result.lastGlobalPosition.toString(),
    };
  }

  /**
   * The case as its stream tells it now. The placement rules read it outside the shelter's
   * consistency boundary: what they use (child, guardian, sex) only changes by the case's own
   * commands, never by a placement.
   */
  async readCase(caseId: string): Promise<CaseReading> {
    const { state, revision } = await this.streams.read(caseStreamName(caseId), CASE_WITH_SEX);
    return { ...state, revision };
  }
}
