import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';

/** Repatriation vocabularies (DESIGN §3.5; CoE Convention art. 16; Azerbaijan's rules of 2021). */
export const REPATRIATION_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RepatriationRiskLevel = (typeof REPATRIATION_RISK_LEVELS)[number];

export const TRAVEL_DOCUMENT_TYPES = ['passport', 'certificate-of-return', 'laissez-passer', 'visa'] as const;
export type TravelDocumentType = (typeof TRAVEL_DOCUMENT_TYPES)[number];

export const REPATRIATION_EVENT_TYPES = {
  /** A voluntary return was asked for, with the person's consent. */
  RepatriationRequested: defineEvent<{
    caseId: string;
    /** ISO 3166-1 alpha-2. */
    destinationCountry: string;
    voluntaryConsent: true;
    /** When the person's voluntary consent was recorded (ISO 8601). */
    consentRecordedAt: string;
    requestedAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  /** The risk of return assessed before travel; a later assessment supersedes an earlier one. */
  RepatriationRiskAssessed: defineEvent<{
    caseId: string;
    level: RepatriationRiskLevel;
    /** The risks found were mitigated (a high risk then no longer blocks travel). */
    mitigated: boolean;
    /** The assessor's notes about the risk; personal data (free text). */
    notes?: string;
    assessedAt: string;
  }>({ schemaVersion: 1, personalFields: ['notes'], subjectField: 'caseId' }),
  TravelDocumentsRecorded: defineEvent<{
    caseId: string;
    documents: TravelDocumentType[];
    issuedBy: string;
    recordedAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  RepatriationScheduled: defineEvent<{
    caseId: string;
    destinationCountry: string;
    travelDate: string;
    route?: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  RepatriationCompleted: defineEvent<{
    caseId: string;
    destinationCountry: string;
    arrivedOn: string;
    receivedBy?: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  RepatriationCancelled: defineEvent<{ caseId: string; reason: string; cancelledAt: string }>({
    schemaVersion: 1,
    personalFields: ['reason'],
    subjectField: 'caseId',
  }),
};

/** Events of the repatriation context on the case stream. */
export type RepatriationEvent = EventsOf<typeof REPATRIATION_EVENT_TYPES>;
export type RepatriationRequested = EventNamed<RepatriationEvent, 'RepatriationRequested'>;
export type RepatriationRiskAssessed = EventNamed<RepatriationEvent, 'RepatriationRiskAssessed'>;
export type TravelDocumentsRecorded = EventNamed<RepatriationEvent, 'TravelDocumentsRecorded'>;
export type RepatriationScheduled = EventNamed<RepatriationEvent, 'RepatriationScheduled'>;
export type RepatriationCompleted = EventNamed<RepatriationEvent, 'RepatriationCompleted'>;
export type RepatriationCancelled = EventNamed<RepatriationEvent, 'RepatriationCancelled'>;
