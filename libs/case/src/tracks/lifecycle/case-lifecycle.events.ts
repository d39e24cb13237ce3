import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';
import type { CaseStage } from '../../domain/case-vocabulary';

/**
 * Why a case is closed (DESIGN §3.7). 'other' exists for closures recorded before the reason was a
 * closed list (CaseClosed v1 held free text only; see upcastCaseClosedV1).
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
 * CaseClosed v1 → v2. Version 1 held the reason as free text only (`reason: "lost contact with the
 * person"`); version 2 has `reason` from CLOSURE_REASONS and the free text in `note`. A v1 reason
 * that names a known reason (any case, spaces or dashes) becomes that reason; any other text
 * becomes 'other', and the text is kept as the note.
 */
export function upcastCaseClosedV1(data: Record<string, unknown>): Record<string, unknown> {
  const { reason, ...rest } = data;
  const text = typeof reason === 'string' ? reason.trim() : '';
  const normalised = text.toLowerCase().replace(/[\s_]+/g, '-');
  const known = (CLOSURE_REASONS as readonly string[]).includes(normalised) ? (normalised as ClosureReason) : null;
  return known ? { ...rest, reason: known } : { ...rest, reason: 'other', ...(text ? { note: text } : {}) };
}

/** How the case-lifecycle track's events are stored: schema version and which fields are personal data. */
export const CASE_LIFECYCLE_EVENT_TYPES = {
  /**
   * The case is closed (schema v2). v1 held `reason` as free text only; v2 has `reason` from
   * CLOSURE_REASONS and the free text, when any, in `note` (personal data: free text may name people).
   */
  CaseClosed: defineEvent<{
    caseId: string;
    /** Subject of the personal data (the note). */
    personId?: string;
    reason: ClosureReason;
    note?: string;
    /** Where the case was when closed: reopening takes it back there. */
    stageBeforeClosure: OpenCaseStage;
    closedAt: string;
  }>({
    schemaVersion: 2,
    personalFields: ['note'],
    subjectField: 'personId',
    upcasters: { 1: upcastCaseClosedV1 },
  }),
  /** A closed case is reopened, back to the stage it was closed in. */
  CaseReopened: defineEvent<{
    caseId: string;
    personId: string;
    /** Why it is reopened: free text, personal data. */
    reason: string;
    stage: OpenCaseStage;
    reopenedAt: string;
  }>({ schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' }),
  /** The case moves to another organisation, which owns it from now on (and alone sees it, with oversight). */
  CaseTransferred: defineEvent<{
    caseId: string;
    personId: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    toOrganisationType: string;
    /** Why: free text, personal data. */
    reason: string;
    transferredAt: string;
  }>({ schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' }),
  /**
   * The person's personal data is erased by legal order (crypto-shredding, DESIGN §5): their key is
   * destroyed after this event, so every personal field of every event about them becomes unreadable.
   * Holds no personal data itself; the case and its countable facts (statistics) remain.
   */
  PersonalDataErased: defineEvent<{
    caseId: string;
    personId: string;
    legalBasis: ErasureLegalBasis;
    erasedAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
};

/** Events of the case-lifecycle context on the case stream: closure, reopening, transfer, erasure. */
export type CaseLifecycleEvent = EventsOf<typeof CASE_LIFECYCLE_EVENT_TYPES>;
export type CaseClosed = EventNamed<CaseLifecycleEvent, 'CaseClosed'>;
export type CaseReopened = EventNamed<CaseLifecycleEvent, 'CaseReopened'>;
export type CaseTransferred = EventNamed<CaseLifecycleEvent, 'CaseTransferred'>;
export type PersonalDataErased = EventNamed<CaseLifecycleEvent, 'PersonalDataErased'>;
