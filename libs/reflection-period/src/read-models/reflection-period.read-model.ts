import type {
  ReflectionPeriodEnded,
  ReflectionPeriodExpired,
  ReflectionPeriodExtended,
  ReflectionPeriodOutcome,
  ReflectionPeriodStarted,
} from '@nrm/case/domain';
import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/** How the reflection-period context's events show in the case summary: its end is the next deadline. */
export const reflectionPeriodSummaryRules: CaseSummaryRules = {
  ReflectionPeriodStarted: (event) => {
    const data = event.data as ReflectionPeriodStarted['data'];
    return { update: { stage: 'reflection-period', nextDeadlineAt: new Date(data.endsAt) } };
  },
  ReflectionPeriodExtended: (event) => ({
    update: { nextDeadlineAt: new Date((event.data as ReflectionPeriodExtended['data']).endsAt) },
  }),
  ReflectionPeriodEnded: () => ({ update: { nextDeadlineAt: null } }),
  ReflectionPeriodExpired: () => ({ update: { nextDeadlineAt: null } }),
};

const OUTCOME_TEXT: Record<ReflectionPeriodOutcome, string> = {
  'cooperating-with-investigation': 'cooperating with the investigation',
  'chose-to-return': 'chose to return',
  other: 'other outcome',
};

/** How the reflection-period context's events read on a case's timeline. */
export const reflectionPeriodTimeline: TimelineDescribers = {
  ReflectionPeriodStarted: (event) => {
    const data = event.data as ReflectionPeriodStarted['data'];
    return {
      summary: `Reflection period of ${data.days} days started on ${data.startedAt}, ends ${data.endsAt}.`,
      details: { periodId: data.periodId, startedAt: data.startedAt, endsAt: data.endsAt, days: data.days },
    };
  },
  ReflectionPeriodExtended: (event) => {
    const data = event.data as ReflectionPeriodExtended['data'];
    return {
      // The reason is free text (personal data): in the details only, which an erasure empties.
      summary: `Reflection period extended by ${data.days} days to ${data.endsAt}.`,
      details: { periodId: data.periodId, days: data.days, reason: data.reason, endsAt: data.endsAt },
    };
  },
  ReflectionPeriodEnded: (event) => {
    const data = event.data as ReflectionPeriodEnded['data'];
    return {
      summary: `Reflection period ended early: ${OUTCOME_TEXT[data.outcome] ?? data.outcome}.`,
      details: {
        periodId: data.periodId,
        outcome: data.outcome,
        endedAt: data.endedAt,
        ...(data.note === undefined ? {} : { note: data.note }),
      },
    };
  },
  ReflectionPeriodExpired: (event) => {
    const data = event.data as ReflectionPeriodExpired['data'];
    return {
      summary: `Reflection period expired on ${data.expiredAt}.`,
      details: { periodId: data.periodId, expiredAt: data.expiredAt },
    };
  },
};
