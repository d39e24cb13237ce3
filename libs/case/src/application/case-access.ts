import type { Actor } from '@nrm/shared-kernel';

/**
 * Need to know (DESIGN §5): the competent authority and coordinators see every case; everyone else
 * only the cases of their own organisation. Returns the organisation to restrict to, or null for all.
 */
export function caseVisibilityOf(actor: Actor): { organisationId: string } | null {
  const seesAll = actor.roles.some((role) => role === 'coordinator' || role === 'competent-authority-officer');
  return seesAll ? null : { organisationId: actor.organisationId };
}

/** Roles that may read cases at all (analysts get statistics only). */
export const CASE_READER_ROLES = [
  'first-responder',
  'competent-authority-officer',
  'case-worker',
  'coordinator',
] as const;
