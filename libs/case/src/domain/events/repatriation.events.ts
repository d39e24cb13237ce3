import type { DomainEvent } from '@nrm/shared-kernel';

/** Repatriation vocabularies (DESIGN §3.5; CoE Convention art. 16; Azerbaijan's rules of 2021). */
export const REPATRIATION_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RepatriationRiskLevel = (typeof REPATRIATION_RISK_LEVELS)[number];

export const TRAVEL_DOCUMENT_TYPES = ['passport', 'certificate-of-return', 'laissez-passer', 'visa'] as const;
export type TravelDocumentType = (typeof TRAVEL_DOCUMENT_TYPES)[number];

/** A voluntary return was asked for, with the person's consent. */
export type RepatriationRequested = DomainEvent<
  'RepatriationRequested',
  {
    caseId: string;
    /** ISO 3166-1 alpha-2. */
    destinationCountry: string;
    voluntaryConsent: true;
    /** When the person's voluntary consent was recorded (ISO 8601). */
    consentRecordedAt: string;
    requestedAt: string;
  }
>;

/** The risk of return assessed before travel; a later assessment supersedes an earlier one. */
export type RepatriationRiskAssessed = DomainEvent<
  'RepatriationRiskAssessed',
  {
    caseId: string;
    level: RepatriationRiskLevel;
    /** The risks found were mitigated (a high risk then no longer blocks travel). */
    mitigated: boolean;
    /** The assessor's notes about the risk; personal data (free text). */
    notes?: string;
    assessedAt: string;
  }
>;

export type TravelDocumentsRecorded = DomainEvent<
  'TravelDocumentsRecorded',
  { caseId: string; documents: TravelDocumentType[]; issuedBy: string; recordedAt: string }
>;

export type RepatriationScheduled = DomainEvent<
  'RepatriationScheduled',
  { caseId: string; destinationCountry: string; travelDate: string; route?: string }
>;

export type RepatriationCompleted = DomainEvent<
  'RepatriationCompleted',
  { caseId: string; destinationCountry: string; arrivedOn: string; receivedBy?: string }
>;

export type RepatriationCancelled = DomainEvent<
  'RepatriationCancelled',
  { caseId: string; reason: string; cancelledAt: string }
>;

/** Events of the repatriation context on the case stream. */
export type RepatriationEvent =
  | RepatriationRequested
  | RepatriationRiskAssessed
  | TravelDocumentsRecorded
  | RepatriationScheduled
  | RepatriationCompleted
  | RepatriationCancelled;
