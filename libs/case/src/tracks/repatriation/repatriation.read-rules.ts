import type {
  RepatriationCancelled,
  RepatriationCompleted,
  RepatriationRequested,
  RepatriationRiskAssessed,
  RepatriationScheduled,
  TravelDocumentsRecorded,
} from './repatriation.events';
import type { CaseSummaryRules, TracksChange } from '../../read-models/case-summaries.projection';
import type { RepatriationTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';

/**
 * How the repatriation context's events show in the case summary: the latest repatriation's track
 * (consent, risk, documents, travel date, state).
 */
export const repatriationSummaryRules: CaseSummaryRules = {
  RepatriationRequested: (event) => {
    const data = event.data as RepatriationRequested['data'];
    return {
      update: {},
      tracks: (tracks) => ({
        ...tracks,
        repatriation: {
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
        },
      }),
    };
  },
  RepatriationRiskAssessed: (event) => {
    const data = event.data as RepatriationRiskAssessed['data'];
    return {
      update: {},
      tracks: ofRepatriation((repatriation) => ({
        ...repatriation,
        state: repatriation.state === 'requested' ? 'risk-assessed' : repatriation.state,
        risk: { level: data.level, mitigated: data.mitigated, assessedAt: data.assessedAt },
      })),
    };
  },
  TravelDocumentsRecorded: (event) => {
    const data = event.data as TravelDocumentsRecorded['data'];
    return {
      update: {},
      tracks: ofRepatriation((repatriation) => ({
        ...repatriation,
        state: repatriation.state === 'scheduled' ? 'scheduled' : 'documented',
        documents: [...new Set([...repatriation.documents, ...data.documents])],
      })),
    };
  },
  RepatriationScheduled: (event) => {
    const data = event.data as RepatriationScheduled['data'];
    return {
      update: {},
      tracks: ofRepatriation((repatriation) => ({
        ...repatriation,
        state: 'scheduled',
        travelDate: data.travelDate,
        route: data.route ?? null,
      })),
    };
  },
  RepatriationCompleted: (event) => {
    const data = event.data as RepatriationCompleted['data'];
    return {
      update: {},
      tracks: ofRepatriation((repatriation) => ({ ...repatriation, state: 'completed', arrivedOn: data.arrivedOn })),
    };
  },
  RepatriationCancelled: (event) => {
    const data = event.data as RepatriationCancelled['data'];
    return {
      update: {},
      tracks: ofRepatriation((repatriation) => ({
        ...repatriation,
        state: 'cancelled',
        cancelledAt: data.cancelledAt,
      })),
    };
  },
};

function ofRepatriation(change: (repatriation: RepatriationTrack) => RepatriationTrack): TracksChange {
  return (tracks) => (tracks.repatriation ? { ...tracks, repatriation: change(tracks.repatriation) } : tracks);
}

/** How the repatriation context's events read on a case's timeline (no personal data). */
export const repatriationTimeline: TimelineDescribers = {
  RepatriationRequested: (event) => {
    const data = event.data as RepatriationRequested['data'];
    return {
      summary:
        `Voluntary repatriation to ${data.destinationCountry} requested; ` +
        `the person's consent recorded at ${data.consentRecordedAt}.`,
      details: { destinationCountry: data.destinationCountry, consentRecordedAt: data.consentRecordedAt },
    };
  },
  RepatriationRiskAssessed: (event) => {
    const data = event.data as RepatriationRiskAssessed['data'];
    return {
      summary: `Return risk assessed as ${data.level}${data.mitigated ? ', mitigated' : ''}.`,
      details: { level: data.level, mitigated: data.mitigated, notes: data.notes ?? null },
    };
  },
  TravelDocumentsRecorded: (event) => {
    const data = event.data as TravelDocumentsRecorded['data'];
    return {
      summary: `Travel documents recorded (${data.documents.join(', ')}), issued by ${data.issuedBy}.`,
      details: { documents: data.documents, issuedBy: data.issuedBy },
    };
  },
  RepatriationScheduled: (event) => {
    const data = event.data as RepatriationScheduled['data'];
    return {
      summary: `Travel to ${data.destinationCountry} scheduled for ${data.travelDate}${data.route ? ` (${data.route})` : ''}.`,
      details: { destinationCountry: data.destinationCountry, travelDate: data.travelDate, route: data.route ?? null },
    };
  },
  RepatriationCompleted: (event) => {
    const data = event.data as RepatriationCompleted['data'];
    return {
      summary:
        `Repatriation completed: arrived in ${data.destinationCountry} on ${data.arrivedOn}` +
        `${data.receivedBy ? `, received by ${data.receivedBy}` : ''}.`,
      details: {
        destinationCountry: data.destinationCountry,
        arrivedOn: data.arrivedOn,
        receivedBy: data.receivedBy ?? null,
      },
    };
  },
  RepatriationCancelled: (event) => {
    const data = event.data as RepatriationCancelled['data'];
    return { summary: 'Repatriation cancelled.', details: { reason: data.reason } };
  },
};
