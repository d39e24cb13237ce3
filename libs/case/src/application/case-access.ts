import type { Actor, Role } from '@nrm/shared-kernel';

/**
 * Need to know (DESIGN §4, §5): the one place that decides who sees which case, and how much of it.
 *
 * - coordinator, competent-authority-officer: every case, in full;
 * - first-responder: the cases its organisation owns (the opening organisation; a transfer changes
 *   the owner), in full;
 * - case-worker: the cases its organisation owns or to which the case was referred
 *   (CaseReferred.competentAuthorityOrgId), in full;
 * - supervisor: the cases its organisation owns, in full (it approves their gated commands, libs/approvals);
 * - shelter-staff: the cases with a requested, accepted or checked-in placement at a shelter its
 *   organisation operates, only in the care view (no narrative, indicators, exploitation types,
 *   identification circumstances), read only, and not the timeline;
 * - analyst, admin: no case at all (403 on the case endpoints; analysts get GET /statistics).
 *
 * A caller holding several roles sees the union of what its roles allow; where one role gives the
 * full view and another the care view, the full view wins. A case the caller may not see is answered
 * 404, exactly like one that does not exist.
 */

/** Roles that may list and read cases (GET /cases, GET /cases/{id}); shelter staff in the care view. */
export const CASE_READER_ROLES = [
  'first-responder',
  'competent-authority-officer',
  'case-worker',
  'supervisor',
  'coordinator',
  'shelter-staff',
] as const satisfies readonly Role[];

/** Roles that may read a case's history (GET /cases/{id}/timeline): not shelter staff. */
export const CASE_HISTORY_READER_ROLES = [
  'first-responder',
  'competent-authority-officer',
  'case-worker',
  'supervisor',
  'coordinator',
] as const satisfies readonly Role[];

/** Roles that may give most commands of a case's tracks (on a case they see in full): not shelter staff. */
export const TRACK_COMMAND_ROLES: readonly Role[] = [
  'first-responder',
  'competent-authority-officer',
  'case-worker',
  'supervisor',
  'coordinator',
];

/** Roles that see every case in full. */
const SEES_ALL_ROLES: readonly Role[] = ['coordinator', 'competent-authority-officer'];

/** Placement statuses that give the operator's shelter staff the care view of the case. */
export const CARE_PLACEMENT_STATUSES = ['requested', 'accepted', 'checked-in'] as const;

/** Deadline kinds the operator of a shelter answers for: its staff see these, and only these. */
export const SHELTER_DEADLINE_KINDS = ['shelter-answer', 'shelter-stay'] as const;

/** How much of a case the caller sees: everything, or what care needs. */
export type CaseViewKind = 'full' | 'care';

/** What decides the full view of a case: who owns it and to whom it was referred. */
export interface CaseOwnership {
  organisationId: string;
  referredToOrganisationId: string | null;
}

/** What an actor's roles allow, as a union over the roles. */
export interface CaseAccess {
  /** Every case in full. */
  all: boolean;
  /** In full: the cases owned by this organisation. */
  ownedBy: string | null;
  /** In full: the cases referred to this organisation. */
  referredTo: string | null;
  /** Care view: the cases placed (requested, accepted, checked in) at shelters this organisation operates. */
  careAtSheltersOf: string | null;
}

export function caseAccessOf(actor: Actor): CaseAccess {
  const has = (role: Role) => actor.roles.includes(role);
  return {
    all: actor.roles.some((role) => SEES_ALL_ROLES.includes(role)),
    ownedBy: has('first-responder') || has('case-worker') || has('supervisor') ? actor.organisationId : null,
    referredTo: has('case-worker') ? actor.organisationId : null,
    careAtSheltersOf: has('shelter-staff') ? actor.organisationId : null,
  };
}

/** The full view of a case (and so its commands and its timeline). */
export function seesCaseInFull(actor: Actor, ownership: CaseOwnership): boolean {
  const access = caseAccessOf(actor);
  return (
    access.all ||
    (access.ownedBy !== null && access.ownedBy === ownership.organisationId) ||
    (access.referredTo !== null && access.referredTo === ownership.referredToOrganisationId)
  );
}

/**
 * The view of a case the caller may see (one that passed `visibleCasesCondition`): full when a role
 * gives the full view, else the care view.
 */
export function caseViewFor(actor: Actor, ownership: CaseOwnership): CaseViewKind {
  return seesCaseInFull(actor, ownership) ? 'full' : 'care';
}

/** An SQL condition with its parameters (names prefixed `access` so they never clash). */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The cases the actor may see in full, as a condition on a case_summaries alias; null for every case.
 * Used for the timeline (full view only) and, with the care condition, for lists and reads.
 */
export function fullyVisibleCasesCondition(actor: Actor, alias = 'c'): SqlCondition | null {
  const access = caseAccessOf(actor);
  if (access.all) return null;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (access.ownedBy !== null) {
    parts.push(`${alias}.organisation_id = :accessOwner`);
    params.accessOwner = access.ownedBy;
  }
  if (access.referredTo !== null) {
    parts.push(`${alias}.referred_to_organisation_id = :accessReferredTo`);
    params.accessReferredTo = access.referredTo;
  }
  return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : 'false', params };
}

/**
 * Every case the actor may see, in either view, as a condition on a case_summaries alias; null for
 * every case. Lists never include anything else.
 */
export function visibleCasesCondition(actor: Actor, alias = 'c'): SqlCondition | null {
  const full = fullyVisibleCasesCondition(actor, alias);
  if (full === null) return null;
  const care = careVisibleCasesCondition(actor, alias);
  if (care === null) return full;
  return { sql: `(${full.sql} OR ${care.sql})`, params: { ...full.params, ...care.params } };
}

/** Shelter staff's care view: a requested, accepted or checked-in placement at a shelter of their organisation. */
function careVisibleCasesCondition(actor: Actor, alias: string): SqlCondition | null {
  const operator = caseAccessOf(actor).careAtSheltersOf;
  if (operator === null) return null;
  return {
    sql: `EXISTS (SELECT 1 FROM placements access_p JOIN shelters access_s ON access_s.id = access_p.shelter_id
      WHERE access_p.case_id = ${alias}.case_id AND access_p.status = ANY(:accessCareStatuses)
        AND access_s.operator_org_id = :accessShelterOperator)`,
    params: { accessCareStatuses: [...CARE_PLACEMENT_STATUSES], accessShelterOperator: operator },
  };
}

/**
 * The deadlines the actor may list, as a condition on a deadlines alias `d` joined with its case
 * summary `c`; null for every deadline. Those of the cases seen in full, plus, for every case
 * reader, the shelter deadlines (answer, stay) its own organisation is responsible for as the
 * shelter's operator. Shelter staff see nothing else: not the other deadlines of the cases they care for.
 */
export function visibleDeadlinesCondition(actor: Actor, deadline = 'd', summary = 'c'): SqlCondition | null {
  const full = fullyVisibleCasesCondition(actor, summary);
  if (full === null) return null;
  return {
    sql: `(${full.sql} OR (${deadline}.responsible_organisation_id = :accessResponsible
      AND ${deadline}.kind = ANY(:accessShelterKinds)))`,
    params: {
      ...full.params,
      accessResponsible: actor.organisationId,
      accessShelterKinds: [...SHELTER_DEADLINE_KINDS],
    },
  };
}

/** The shelter context's projection (placements, shelters); named here, as libs/case may not import libs/shelter. */
const SHELTERS_READ_MODEL = 'shelters';
/** The deadline board's projection (libs/deadlines depends on libs/case, not the other way round). */
const DEADLINES_READ_MODEL = 'deadlines';

/**
 * The read models a case read by this actor depends on, for read-your-writes (minPosition): the case
 * page and lists show the open deadlines (projection `deadlines`); shelter staff's care view also
 * depends on the placements of the shelter read models (projection `shelters`).
 */
export function caseReadProjections(actor: Actor, caseSummaries: string): string[] {
  const projections = [caseSummaries, DEADLINES_READ_MODEL];
  return caseAccessOf(actor).careAtSheltersOf === null ? projections : [...projections, SHELTERS_READ_MODEL];
}
