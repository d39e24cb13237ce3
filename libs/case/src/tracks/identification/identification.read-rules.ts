import { fieldsOf } from '../../read-models/read-rules';
import type { CaseOpened, IdentificationEvent } from './identification.events';
import type { CaseSummaryRules } from '../../read-models/case-summaries.projection';
import { changeTrack } from '../../read-models/case-tracks';
import type { TimelineDescribers } from '../../read-models/case-timeline.projection';
import { findIndicatorCatalogue } from './indicator-catalogue/indicator-catalogue';
import { screeningSummary } from './indicator-catalogue/screening';

function screeningOf(indicators: CaseOpened['data']['indicators']) {
  const catalogue = findIndicatorCatalogue(indicators.catalogueVersion);
  return catalogue ? screeningSummary(catalogue, indicators.codes) : [];
}

/** How identification's events show in the case summary. */
export const identificationSummaryRules: CaseSummaryRules<IdentificationEvent> = {
  CaseOpened: (event) => {
    const { data } = event;
    return {
      insert: {
        caseId: data.caseId,
        caseNumber: data.caseNumber,
        stage: 'identification',
        status: 'presumed-victim',
        organisationId: data.openingOrganisationId,
        openingOrganisationType: data.openingOrganisationType,
        personId: data.personId,
        person: event.personalDataErased ? null : data.person,
        personalDataErased: event.personalDataErased,
        sex: data.sex,
        ageAtIdentification: data.ageAtIdentification,
        isChild: data.isChild,
        citizenship: data.citizenship,
        identification: data.identification,
        exploitationTypes: data.exploitationTypes,
        indicatorCatalogueVersion: data.indicators.catalogueVersion,
        indicatorCodes: data.indicators.codes,
        indicatorScreening: screeningOf(data.indicators),
        urgentNeeds: data.urgentNeeds,
        consentToReferral: data.consentToReferral,
        narrative: event.personalDataErased ? null : (data.narrative ?? null),
        nextDeadlineAt: null,
        openedAt: new Date(event.metadata.occurredAt),
        openedBy: {
          userId: event.metadata.actorId,
          name: event.metadata.actorName,
          organisationId: event.metadata.organisationId,
        },
      },
      tracks: (tracks) => ({
        ...tracks,
        consent: { toReferral: data.consentToReferral },
        childProtection: data.isChild ? { notice: null, guardian: null } : null,
      }),
    };
  },
  ReferralConsentRecorded: (event) => {
    const { consentToReferral } = event.data;
    return {
      update: { consentToReferral },
      tracks: (tracks) => ({ ...tracks, consent: { toReferral: consentToReferral } }),
    };
  },
  ChildProtectionNotified: ({ data }) =>
    changeTrack('childProtection', (childProtection) => ({
      guardian: childProtection?.guardian ?? null,
      notice: { childProtectionOrgId: data.childProtectionOrgId, notifiedAt: data.notifiedAt },
    })),
  GuardianAppointed: (event) => {
    const { data } = event;
    // The guardian's name is personal data: absent when the event is read after an erasure.
    const name = event.personalDataErased ? null : (data.guardianName ?? null);
    return changeTrack('childProtection', (childProtection) => ({
      notice: childProtection?.notice ?? null,
      guardian: { name, appointedBy: data.appointedBy, appointedOn: data.appointedOn },
    }));
  },
};

/** How identification's events read on the timeline. */
export const identificationTimeline: TimelineDescribers<IdentificationEvent> = {
  CaseOpened: ({ data }) => {
    const where = [data.identification.place, data.identification.region, data.identification.country]
      .filter(Boolean)
      .join(', ');
    return {
      summary:
        `Case ${data.caseNumber} opened: ${data.isChild ? 'a child' : 'an adult'} presumed victim identified ` +
        `at ${where} on ${data.identification.identifiedAt}; exploitation: ${data.exploitationTypes.join(', ') || 'not stated'}; ` +
        `${data.indicators.codes.length} indicator(s) observed; consent to referral ${data.consentToReferral ? 'given' : 'not given'}.`,
      details: fieldsOf(
        data,
        'caseNumber',
        'identification',
        'exploitationTypes',
        'indicators',
        'urgentNeeds',
        'consentToReferral',
        'isChild',
      ),
    };
  },
  ReferralConsentRecorded: ({ data }) => ({
    summary: data.consentToReferral ? 'Consent to referral given.' : 'Consent to referral withdrawn.',
    details: { consentToReferral: data.consentToReferral },
  }),
  ChildProtectionNotified: ({ data }) => ({
    summary: `Child-protection body ${data.childProtectionOrgId} notified of the child case on ${data.notifiedAt}.`,
    details: fieldsOf(data, 'childProtectionOrgId', 'notifiedAt'),
  }),
  // The guardian's name is personal data: never on the timeline.
  GuardianAppointed: ({ data }) => ({
    summary: `Guardian appointed by ${data.appointedBy} on ${data.appointedOn}.`,
    details: fieldsOf(data, 'appointedBy', 'appointedOn'),
  }),
};
