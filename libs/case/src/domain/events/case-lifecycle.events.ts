import type { DomainEvent } from '@nrm/shared-kernel';
import type { CaseStage } from '../case-vocabulary';

/**
 * Why a case is closed (DESIGN §3.7). 'other' exists for closures recorded before the reason was a
 * closed list (CaseClosed v1 held free text only; see the upcaster in case-lifecycle-event-types).
 */
export const CLOSURE_REASONS = [
  'reintegrated',
  'repatriated',
  'lost-contact',
  'status-refused',
  'transferred',
  'deceased',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** The reasons a user may choose when closing a case now ('other' only comes from v1 events). */
export const CHOOSABLE_CLOSURE_REASONS = CLOSURE_REASONS.filter(
  (reason): reason is Exclude<ClosureReason, 'other'> => reason !== 'other',
);

/** The stages a case can be in while open: where reopening takes it back to. */
export type OpenCaseStage = Exclude<CaseStage, 'closed'>;

/**
 * The case is closed (schema v2). v1 held `reason` as free text only; v2 has `reason` from
 * CLOSURE_REASONS and the free text, when any, in `note` (personal data: free text may name people).
 */
export type CaseClosed = DomainEvent<
  'CaseClosed',
  {
    caseId: string;
    /** Subject of the personal data (the note). */
    personId?: string;
    reason: ClosureReason;
    note?: string;
    /** Where the case was when closed: reopening takes it back there. */
    stageBeforeClosure: OpenCaseStage;
    closedAt: string;
  }
>;

/** A closed case is reopened, back to the stage it was closed in. */
export type CaseReopened = DomainEvent<
  'CaseReopened',
  {
    caseId: string;
    personId: string;
    /** Why it is reopened: free text, personal data. */
    reason: string;
    stage: OpenCaseStage;
    reopenedAt: string;
  }
>;

/** The case moves to another organisation, which owns it from now on (and alone sees it, with oversight). */
export type CaseTransferred = DomainEvent<
  'CaseTransferred',
  {
    caseId: string;
    personId: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    toOrganisationType: string;
    /** Why: free text, personal data. */
    reason: string;
    transferredAt: string;
  }
>;

/** Who ordered an erasure of personal data. */
export const ERASURE_AUTHORITIES = ['prosecutor', 'court'] as const;
export type ErasureAuthority = (typeof ERASURE_AUTHORITIES)[number];

/** The legal order an erasure rests on: a prosecutor's or court's decision. */
export interface ErasureLegalBasis {
  authority: ErasureAuthority;
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decidedOn: string;
}

/**
 * The person's personal data is erased by legal order (crypto-shredding, DESIGN §5): their key is
 * destroyed after this event, so every personal field of every event about them becomes unreadable.
 * Holds no personal data itself; the case and its countable facts (statistics) remain.
 */
export type PersonalDataErased = DomainEvent<
  'PersonalDataErased',
  {
    caseId: string;
    personId: string;
    legalBasis: ErasureLegalBasis;
    erasedAt: string;
  }
>;

/** Events of the case-lifecycle context on the case stream: closure, reopening, transfer, erasure. */
export type CaseLifecycleEvent = CaseClosed | CaseReopened | CaseTransferred | PersonalDataErased;
