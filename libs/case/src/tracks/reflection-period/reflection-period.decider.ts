import { assertOpenCase } from '../../domain/case-rules';
import { caseTrackDecider, type CaseState, type ExistingCase } from '../case-state';
import type {
  ReflectionPeriodEnded,
  ReflectionPeriodExpired,
  ReflectionPeriodExtended,
  ReflectionPeriodOutcome,
  ReflectionPeriodStarted,
} from './reflection-period.events';
import { type Actor, assertMomentNotInFuture, DomainRuleViolation } from '@nrm/shared-kernel';

export interface StartReflectionPeriod {
  type: 'StartReflectionPeriod';
  /** A fresh id for the new period, chosen by the caller. */
  periodId: string;
  /** When the period began (ISO 8601 with zone), when recorded late; default: now. */
  startedAt?: string;
  /** Length in days: the request's, or the configured default (REFLECTION_PERIOD_DAYS). */
  days: number;
  actor: Actor;
  now: Date;
}

export interface ExtendReflectionPeriod {
  type: 'ExtendReflectionPeriod';
  days: number;
  reason: string;
  actor: Actor;
  now: Date;
}

export interface EndReflectionPeriod {
  type: 'EndReflectionPeriod';
  outcome: ReflectionPeriodOutcome;
  note?: string;
  actor: Actor;
  now: Date;
}

/**
 * The system expires a period that fell due (the deadline scheduler's 'due' job). Idempotent: it
 * expires only the active period with this id, and decides nothing otherwise (already expired or
 * ended, another period active, no such case or a closed case), so a job that fires twice appends once.
 */
export interface ExpireReflectionPeriod {
  type: 'ExpireReflectionPeriod';
  periodId: string;
  /** When it expired: the period's end as the deadline knew it (ISO 8601). */
  expiredAt: string;
  actor: Actor;
  now: Date;
}

export type ReflectionPeriodCommand =
  StartReflectionPeriod | ExtendReflectionPeriod | EndReflectionPeriod | ExpireReflectionPeriod;

/** Council of Europe Convention on Action against Trafficking in Human Beings, art. 13: at least 30 days. */
export const MINIMUM_REFLECTION_PERIOD_DAYS = 30;
/** The longest extension one command may grant. */
export const MAXIMUM_EXTENSION_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The rules of the reflection period (DESIGN §3.3), every one checked here before any event exists:
 * - any command: the case exists and is not closed (assertOpenCase);
 * - start: one active period at a time (409 one-active-reflection-period); at least 30 days
 *   (422 reflection-period-minimum); the start may be backdated when recorded late (a period whose
 *   end is already past is allowed: it is simply due, and the system expires it), but not lie in
 *   the future beyond the clock-skew tolerance (422 reflection-period-start-not-in-future);
 *   no rule on the victim status (a refused person may still get one while a review is pending);
 * - extend: an active period (409 no-active-reflection-period); 1..365 days
 *   (422 reflection-period-extension-days); a reason (422 reflection-period-extension-reason);
 * - end early: an active period (409 no-active-reflection-period), with the outcome.
 * - expire (the system, when the period falls due): only the active period with that id; otherwise
 *   no events (never an error: the scheduler may fire twice, or after the period ended).
 */
export const reflectionPeriodDecider = caseTrackDecider<ReflectionPeriodCommand>({
  StartReflectionPeriod: startReflectionPeriod,
  ExtendReflectionPeriod: extendReflectionPeriod,
  EndReflectionPeriod: endReflectionPeriod,
  ExpireReflectionPeriod: expireReflectionPeriod,
});

function startReflectionPeriod(command: StartReflectionPeriod, state: CaseState): ReflectionPeriodStarted {
  assertOpenCase(state);
  const active = state.reflectionPeriod.active;
  if (active) {
    throw new DomainRuleViolation(
      'one-active-reflection-period',
      `A reflection period is already active until ${active.endsAt}: extend or end it instead`,
      'conflict',
    );
  }
  if (!Number.isInteger(command.days) || command.days < MINIMUM_REFLECTION_PERIOD_DAYS) {
    throw new DomainRuleViolation(
      'reflection-period-minimum',
      `days must be at least ${MINIMUM_REFLECTION_PERIOD_DAYS} (Council of Europe Convention art. 13)`,
      'unprocessable',
      'days',
    );
  }
  const startedAt = command.startedAt === undefined ? command.now : new Date(command.startedAt);
  if (Number.isNaN(startedAt.getTime())) {
    throw new DomainRuleViolation(
      'reflection-period-start-valid',
      'startedAt is not a date',
      'unprocessable',
      'startedAt',
    );
  }
  assertMomentNotInFuture(startedAt, command.now, 'reflection-period-start-not-in-future', 'startedAt');
  return {
    type: 'ReflectionPeriodStarted',
    data: {
      caseId: state.caseId,
      periodId: command.periodId,
      startedAt: startedAt.toISOString(),
      endsAt: addDays(startedAt, command.days).toISOString(),
      days: command.days,
    },
  };
}

function extendReflectionPeriod(command: ExtendReflectionPeriod, state: CaseState): ReflectionPeriodExtended {
  assertOpenCase(state);
  const active = activePeriod(state);
  if (!Number.isInteger(command.days) || command.days < 1 || command.days > MAXIMUM_EXTENSION_DAYS) {
    throw new DomainRuleViolation(
      'reflection-period-extension-days',
      `days must be a whole number from 1 to ${MAXIMUM_EXTENSION_DAYS}`,
      'unprocessable',
      'days',
    );
  }
  const reason = command.reason.trim();
  if (reason === '') {
    throw new DomainRuleViolation(
      'reflection-period-extension-reason',
      'An extension needs a reason',
      'unprocessable',
      'reason',
    );
  }
  return {
    type: 'ReflectionPeriodExtended',
    data: {
      caseId: state.caseId,
      periodId: active.periodId,
      days: command.days,
      reason,
      endsAt: addDays(new Date(active.endsAt), command.days).toISOString(),
    },
  };
}

function endReflectionPeriod(command: EndReflectionPeriod, state: CaseState): ReflectionPeriodEnded {
  assertOpenCase(state);
  const active = activePeriod(state);
  const note = command.note?.trim();
  return {
    type: 'ReflectionPeriodEnded',
    data: {
      caseId: state.caseId,
      periodId: active.periodId,
      outcome: command.outcome,
      endedAt: command.now.toISOString(),
      ...(note ? { note } : {}),
    },
  };
}

function expireReflectionPeriod(command: ExpireReflectionPeriod, state: CaseState): ReflectionPeriodExpired[] {
  if (!state.exists || state.stage === 'closed') return [];
  const active = state.reflectionPeriod.active;
  if (active?.periodId !== command.periodId) return [];
  const expiredAt = new Date(command.expiredAt);
  return [
    {
      type: 'ReflectionPeriodExpired',
      data: {
        caseId: state.caseId,
        periodId: active.periodId,
        expiredAt: Number.isNaN(expiredAt.getTime()) ? active.endsAt : expiredAt.toISOString(),
      },
    },
  ];
}

type ActiveReflectionPeriod = NonNullable<ExistingCase['reflectionPeriod']['active']>;

function activePeriod(state: ExistingCase): ActiveReflectionPeriod {
  const active = state.reflectionPeriod.active;
  if (!active) {
    throw new DomainRuleViolation(
      'no-active-reflection-period',
      'The case has no active reflection period',
      'conflict',
    );
  }
  return active;
}

function addDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * DAY_MS);
}
