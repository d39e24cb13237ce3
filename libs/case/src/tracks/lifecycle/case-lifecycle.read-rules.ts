import { fieldsOf } from '../../read-models/read-rules';
import type { CaseLifecycleEvent, ClosureReason, PersonalDataErased } from './case-lifecycle.events';
import type { CaseSummaryRules } from '../../read-models/case-summaries.projection';
import { changeTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

const CLOSURE_REASON_TEXT: Record<ClosureReason, string> = {
  reintegrated: 'the person is reintegrated',
  repatriated: 'the person is repatriated',
  'lost-contact': 'contact with the person was lost',
  'status-refused': 'victim status was refused',
  transferred: 'the case was transferred out of the NRM',
  deceased: 'the person died',
  other: 'another reason',
};

/**
 * How the case-lifecycle context's events show in the case summary: the closure track (the stage
 * follows from it) and the owning organisation; an erasure empties every personal column and the
 * guardian's name (a replay or rebuild reads the events with the key gone, so it cannot fill them again).
 */
export const caseLifecycleSummaryRules: CaseSummaryRules<CaseLifecycleEvent> = {
  CaseClosed: ({ data }) =>
    changeTrack('closure', () => ({
      state: 'closed',
      reason: data.reason,
      stageBeforeClosure: data.stageBeforeClosure,
      closedAt: data.closedAt,
      reopenedAt: null,
    })),
  CaseReopened: ({ data }) =>
    changeTrack('closure', (closure) => closure && { ...closure, state: 'reopened', reopenedAt: data.reopenedAt }),
  CaseTransferred: (event) => ({
    update: { organisationId: event.data.toOrganisationId },
  }),
  PersonalDataErased: () => ({
    update: { person: null, narrative: null, personalDataErased: true },
    tracks: (tracks) => {
      const guardian = tracks.childProtection?.guardian;
      return guardian && tracks.childProtection
        ? { ...tracks, childProtection: { ...tracks.childProtection, guardian: { ...guardian, name: null } } }
        : tracks;
    },
  }),
};

const AUTHORITY_TEXT: Record<PersonalDataErased['data']['legalBasis']['authority'], string> = {
  prosecutor: "the prosecutor's",
  court: "the court's",
};

/** How the case-lifecycle context's events read on a case's timeline (free texts are personal: left out). */
export const caseLifecycleTimeline: TimelineDescribers<CaseLifecycleEvent> = {
  CaseClosed: (event) => {
    const { data } = event;
    return {
      summary: `Case closed: ${CLOSURE_REASON_TEXT[data.reason] ?? data.reason} (stage was ${data.stageBeforeClosure}).`,
      details: {
        reason: data.reason,
        stageBeforeClosure: data.stageBeforeClosure,
        closedAt: data.closedAt,
        noteRecorded: data.note !== undefined || event.personalDataErased,
      },
    };
  },
  CaseReopened: ({ data }) => ({
    summary: `Case reopened, back at stage ${data.stage}.`,
    details: fieldsOf(data, 'stage', 'reopenedAt'),
  }),
  CaseTransferred: ({ data }) => ({
    summary: `Case transferred from ${data.fromOrganisationId} to ${data.toOrganisationId} (${data.toOrganisationType}).`,
    details: fieldsOf(data, 'fromOrganisationId', 'toOrganisationId', 'toOrganisationType', 'transferredAt'),
  }),
  PersonalDataErased: ({ data }) => {
    const basis = data.legalBasis;
    return {
      summary:
        `Personal data erased by order: ${AUTHORITY_TEXT[basis.authority] ?? basis.authority} decision ` +
        `${basis.decisionNumber} of ${basis.decidedOn}.`,
      details: { legalBasis: basis, erasedAt: data.erasedAt },
    };
  },
};
