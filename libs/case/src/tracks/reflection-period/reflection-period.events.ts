import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';

/**
 * Events of the reflection-period context on the case stream (DESIGN §3.3): a period of recovery and
 * reflection (Council of Europe Convention art. 13: at least 30 days) starts for a presumed victim,
 * can be extended with a reason, ended early with its outcome, or expires on its own when it falls
 * due (appended by the system). One period is active at a time. Only the free-text reason
 * and note are personal data (encrypted under the case's key).
 */

/** How a reflection period ended early. */
export const REFLECTION_PERIOD_OUTCOMES = ['cooperating-with-investigation', 'chose-to-return', 'other'] as const;
export type ReflectionPeriodOutcome = (typeof REFLECTION_PERIOD_OUTCOMES)[number];

export const REFLECTION_PERIOD_EVENT_TYPES = {
  /** A reflection period started (possibly recorded late, with its real start). */
  ReflectionPeriodStarted: defineEvent<{
    caseId: string;
    /** Identifies this period among the case's periods. */
    periodId: string;
    /** When the period began (ISO 8601, UTC); may lie before the event was recorded. */
    startedAt: string;
    /** When it falls due: startedAt plus `days` whole days (ISO 8601, UTC). */
    endsAt: string;
    /** The length granted, in days (at least 30). */
    days: number;
  }>({ schemaVersion: 1, personalFields: [] }),
  /** The active reflection period was extended. */
  ReflectionPeriodExtended: defineEvent<{
    caseId: string;
    periodId: string;
    /** Days added to the period. */
    days: number;
    /** Why it was extended; personal data (free text). */
    reason: string;
    /** The new end of the period (ISO 8601, UTC). */
    endsAt: string;
  }>({ schemaVersion: 1, personalFields: ['reason'], subjectField: 'caseId' }),
  /** The active reflection period was ended before it fell due. */
  ReflectionPeriodEnded: defineEvent<{
    caseId: string;
    periodId: string;
    outcome: ReflectionPeriodOutcome;
    /** When it ended (ISO 8601, from the clock). */
    endedAt: string;
    /** A working note; personal data (free text). */
    note?: string;
  }>({ schemaVersion: 1, personalFields: ['note'], subjectField: 'caseId' }),
  /** The active reflection period fell due and expired (appended by the system). */
  ReflectionPeriodExpired: defineEvent<{
    caseId: string;
    periodId: string;
    /** When it expired (ISO 8601): the period's end. */
    expiredAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
};

export type ReflectionPeriodEvent = EventsOf<typeof REFLECTION_PERIOD_EVENT_TYPES>;
export type ReflectionPeriodStarted = EventNamed<ReflectionPeriodEvent, 'ReflectionPeriodStarted'>;
export type ReflectionPeriodExtended = EventNamed<ReflectionPeriodEvent, 'ReflectionPeriodExtended'>;
export type ReflectionPeriodEnded = EventNamed<ReflectionPeriodEvent, 'ReflectionPeriodEnded'>;
export type ReflectionPeriodExpired = EventNamed<ReflectionPeriodEvent, 'ReflectionPeriodExpired'>;
