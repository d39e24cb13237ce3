import { fieldsOf } from '../../read-models/read-rules';
import type { RepatriationEvent } from './repatriation.events';
import type { CaseSummaryChange, CaseSummaryRules } from '../../read-models/case-summaries.projection';
import { changeTrack, type RepatriationTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

/**
 * How the repatriation context's events show in the case summary: the latest repatriation's track
 * (consent, risk, documents, travel date, state).
 */
export const repatriationSummaryRules: CaseSummaryRules<RepatriationEvent> = {
  RepatriationRequested: ({ data }) =>
    changeTrack('repatriation', () => ({
      state: 'requested',
      destinationCountry: data.destinationCountry,
      voluntaryConsent: data.voluntaryConsent,
      consentRecordedAt: data.consentRecordedAt,
      requestedAt: data.requestedAt,
      risk: null,
      documents: [],
      travelDate: null,
      route: null,
      arrivedOn: null,
      cancelledAt: null,
    })),
  RepatriationRiskAssessed: ({ data }) =>
    onRepatriation((repatriation) => ({
      ...repatriation,
      state: repatriation.state === 'requested' ? 'risk-assessed' : repatriation.state,
      risk: { level: data.level, mitigated: data.mitigated, assessedAt: data.assessedAt },
    })),
  TravelDocumentsRecorded: ({ data }) =>
    onRepatriation((repatriation) => ({
      ...repatriation,
      state: repatriation.state === 'scheduled' ? 'scheduled' : 'documented',
      documents: [...new Set([...repatriation.documents, ...data.documents])],
    })),
  RepatriationScheduled: ({ data }) =>
    onRepatriation((repatriation) => ({
      ...repatriation,
      state: 'scheduled',
      travelDate: data.travelDate,
      route: data.route ?? null,
    })),
  RepatriationCompleted: ({ data }) =>
    onRepatriation((repatriation) => ({ ...repatriation, state: 'completed', arrivedOn: data.arrivedOn })),
  RepatriationCancelled: ({ data }) =>
    onRepatriation((repatriation) => ({
      ...repatriation,
      state: 'cancelled',
      cancelledAt: data.cancelledAt,
    })),
};

/** A change of the latest repatriation's track, when there is one. */
function onRepatriation(change: (repatriation: RepatriationTrack) => RepatriationTrack): CaseSummaryChange {
  return changeTrack('repatriation', (repatriation) => repatriation && change(repatriation));
}

/** How the repatriation context's events read on a case's timeline (no personal data). */
export const repatriationTimeline: TimelineDescribers<RepatriationEvent> = {
  RepatriationRequested: ({ data }) => ({
    summary:
      `Voluntary repatriation to ${data.destinationCountry} requested; ` +
      `the person's consent recorded at ${data.consentRecordedAt}.`,
    details: fieldsOf(data, 'destinationCountry', 'consentRecordedAt'),
  }),
  RepatriationRiskAssessed: ({ data }) => ({
    summary: `Return risk assessed as ${data.level}${data.mitigated ? ', mitigated' : ''}.`,
    details: { level: data.level, mitigated: data.mitigated, notes: data.notes ?? null },
  }),
  TravelDocumentsRecorded: ({ data }) => ({
    summary: `Travel documents recorded (${data.documents.join(', ')}), issued by ${data.issuedBy}.`,
    details: fieldsOf(data, 'documents', 'issuedBy'),
  }),
  RepatriationScheduled: ({ data }) => ({
    summary: `Travel to ${data.destinationCountry} scheduled for ${data.travelDate}${data.route ? ` (${data.route})` : ''}.`,
    details: { destinationCountry: data.destinationCountry, travelDate: data.travelDate, route: data.route ?? null },
  }),
  RepatriationCompleted: ({ data }) => ({
    summary:
      `Repatriation completed: arrived in ${data.destinationCountry} on ${data.arrivedOn}` +
      `${data.receivedBy ? `, received by ${data.receivedBy}` : ''}.`,
    details: {
      destinationCountry: data.destinationCountry,
      arrivedOn: data.arrivedOn,
      receivedBy: data.receivedBy ?? null,
    },
  }),
  RepatriationCancelled: ({ data }) => {
    return { summary: 'Repatriation cancelled.', details: { reason: data.reason } };
  },
};
