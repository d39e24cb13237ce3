import { CLOSURE_REASONS, type CaseLifecycleEvent, type ClosureReason } from '@nrm/case/domain';
import type { EventTypeDefinition } from '@nrm/event-store';

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

/** How the case-lifecycle context's events are stored: schema version and which fields are personal data. */
export const CASE_LIFECYCLE_EVENT_TYPES: Record<CaseLifecycleEvent['type'], EventTypeDefinition> = {
  CaseClosed: {
    schemaVersion: 2,
    personalFields: ['note'],
    subjectField: 'personId',
    upcasters: { 1: upcastCaseClosedV1 },
  },
  CaseReopened: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' },
  CaseTransferred: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' },
  // Names the person only by id and the legal order: nothing personal, readable after the erasure.
  PersonalDataErased: { schemaVersion: 1, personalFields: [] },
};
