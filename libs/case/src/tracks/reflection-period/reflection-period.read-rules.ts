import { fieldsOf } from '../../read-models/read-rules';
import type { ReflectionPeriodEvent, ReflectionPeriodOutcome } from './reflection-period.events';
import type { CaseSummaryRules, TracksChange } from '../../read-models/case-summaries.projection';
import type { ReflectionPeriodTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

/**
 * How the reflection-period context's events show in the case summary: the latest period's track
 * (start, end, extensions, outcome), and its end as `nextDeadlineAt`.
 */
export const reflectionPeriodSummaryRules: CaseSummaryRules<ReflectionPeriodEvent> = {
  ReflectionPeriodStarted: ({ data }) => ({
    update: { nextDeadlineAt: new Date(data.endsAt) },
    tracks: (tracks) => ({
      ...tracks,
      reflectionPeriod: {
        periodId: data.periodId,
        state: 'active',
        startedAt: data.startedAt,
        endsAt: data.endsAt,
        days: data.days,
        extensions: [],
        outcome: null,
        endedAt: null,
        expiredAt: null,
        periods: (tracks.reflectionPeriod?.periods ?? 0) + 1,
      },
    }),
  }),
  ReflectionPeriodExtended: (event) => {
    const { data } = event;
    const extension = { days: data.days, endsAt: data.endsAt, extendedAt: event.metadata.occurredAt };
    return {
      update: { nextDeadlineAt: new Date(data.endsAt) },
      tracks: ofPeriod(data.periodId, (period) => ({
        ...period,
        endsAt: data.endsAt,
        extensions: [...period.extensions, extension],
      })),
    };
  },
  ReflectionPeriodEnded: ({ data }) => ({
    update: { nextDeadlineAt: null },
    tracks: ofPeriod(data.periodId, (period) => ({
      ...period,
      state: 'ended',
      outcome: data.outcome,
      endedAt: data.endedAt,
    })),
  }),
  ReflectionPeriodExpired: ({ data }) => ({
    update: { nextDeadlineAt: null },
    tracks: ofPeriod(data.periodId, (period) => ({ ...period, state: 'expired', expiredAt: data.expiredAt })),
  }),
};

/** Changes the latest period, when the event is about it. */
function ofPeriod(periodId: string, change: (period: ReflectionPeriodTrack) => ReflectionPeriodTrack): TracksChange {
  return (tracks) =>
    tracks.reflectionPeriod?.periodId === periodId
      ? { ...tracks, reflectionPeriod: change(tracks.reflectionPeriod) }
      : tracks;
}

const OUTCOME_TEXT: Record<ReflectionPeriodOutcome, string> = {
  'cooperating-with-investigation': 'cooperating with the investigation',
  'chose-to-return': 'chose to return',
  other: 'other outcome',
};

/** How the reflection-period context's events read on a case's timeline. */
export const reflectionPeriodTimeline: TimelineDescribers<ReflectionPeriodEvent> = {
  ReflectionPeriodStarted: ({ data }) => ({
    summary: `Reflection period of ${data.days} days started on ${data.startedAt}, ends ${data.endsAt}.`,
    details: fieldsOf(data, 'periodId', 'startedAt', 'endsAt', 'days'),
  }),
  ReflectionPeriodExtended: ({ data }) => ({
    // The reason is free text (personal data): in the details only, which an erasure empties.
    summary: `Reflection period extended by ${data.days} days to ${data.endsAt}.`,
    details: fieldsOf(data, 'periodId', 'days', 'reason', 'endsAt'),
  }),
  ReflectionPeriodEnded: ({ data }) => ({
    summary: `Reflection period ended early: ${OUTCOME_TEXT[data.outcome] ?? data.outcome}.`,
    details: fieldsOf(data, 'periodId', 'outcome', 'endedAt', 'note'),
  }),
  ReflectionPeriodExpired: ({ data }) => ({
    summary: `Reflection period expired on ${data.expiredAt}.`,
    details: fieldsOf(data, 'periodId', 'expiredAt'),
  }),
};
