import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';
import type { ExploitationType, Sex, UrgentNeed } from '../../domain/case-vocabulary';

/** Personal data of the presumed victim: encrypted per person at the serialisation boundary. */
export interface PersonDetails {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, when known. */
  dateOfBirth?: string;
  /** Years, when the date of birth is not known. */
  estimatedAge?: number;
  sex: Sex;
  /** ISO 3166-1 alpha-2, 'stateless' or 'unknown'. */
  citizenship: string;
  languages: string[];
}

export type PersonalIdentity = Omit<PersonDetails, 'sex' | 'citizenship'>;

export interface IdentificationCircumstances {
  /** When the first responder identified the person (may be earlier than when it was recorded). */
  identifiedAt: string;
  place: string;
  region?: string;
  /** ISO 3166-1 alpha-2 of the country where the person was found. */
  country: string;
}

/** Indicators observed, counted by ILO/EC 2009 dimension and strength (support, never the decision). */
export interface DimensionScreening {
  dimension: string;
  strong: number;
  medium: number;
  weak: number;
}

/** How identification's events are stored: schema version and which fields are personal data. */
export const IDENTIFICATION_EVENT_TYPES = {
  CaseOpened: defineEvent<{
    caseId: string;
    caseNumber: string;
    /** Subject of the personal data (the key owner for crypto-shredding). */
    personId: string;
    /** Who the person is: personal data, erased with the person's key. */
    person: PersonalIdentity;
    /** Sex, citizenship and age stay countable after erasure (anonymised statistics). */
    sex: Sex;
    citizenship: string;
    /** Age in whole years at identification, from the date of birth or the estimate. */
    ageAtIdentification: number;
    isChild: boolean;
    identification: IdentificationCircumstances;
    exploitationTypes: ExploitationType[];
    indicators: { catalogueVersion: string; codes: string[] };
    urgentNeeds: UrgentNeed[];
    consentToReferral: boolean;
    /** Free-text account by the first responder; personal data. */
    narrative?: string;
    openingOrganisationId: string;
    openingOrganisationType: string;
  }>({ schemaVersion: 1, personalFields: ['person', 'narrative'], subjectField: 'personId', introducesSubject: true }),
  /** Consent to referral given or withdrawn after identification (DESIGN §3, cross-cutting). */
  ReferralConsentRecorded: defineEvent<{ caseId: string; consentToReferral: boolean; recordedAt: string }>({
    schemaVersion: 1,
    personalFields: [],
  }),
  /** The child-protection body was notified of a child case (DESIGN §3.1; a deadline of its own). */
  ChildProtectionNotified: defineEvent<{
    caseId: string;
    /** The child-protection organisation notified. */
    childProtectionOrgId: string;
    /** When it was notified (may be earlier than when it is recorded). */
    notifiedAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  /** A guardian was appointed for the child (before any placement, DESIGN §3.1). */
  GuardianAppointed: defineEvent<{
    caseId: string;
    /** Subject of the personal data (the guardian's name identifies the child's circle). */
    personId: string;
    /** Personal data, erased with the person's key. */
    guardianName: string;
    /** The organisation that appointed the guardian (guardianship authority). */
    appointedBy: string;
    /** YYYY-MM-DD. */
    appointedOn: string;
  }>({ schemaVersion: 1, personalFields: ['guardianName'], subjectField: 'personId' }),
};

export type IdentificationEvent = EventsOf<typeof IDENTIFICATION_EVENT_TYPES>;
export type CaseOpened = EventNamed<IdentificationEvent, 'CaseOpened'>;
export type ReferralConsentRecorded = EventNamed<IdentificationEvent, 'ReferralConsentRecorded'>;
export type ChildProtectionNotified = EventNamed<IdentificationEvent, 'ChildProtectionNotified'>;
export type GuardianAppointed = EventNamed<IdentificationEvent, 'GuardianAppointed'>;
