/** Who acts: taken from the verified token, recorded on every event. */

export const ORGANISATION_TYPES = [
  'police',
  'migration',
  'border',
  'labour-inspectorate',
  'competent-authority',
  'child-protection',
  'ngo',
  'assistance-centre',
  'consulate',
  'international-org',
  'coordinator',
  'statistics',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ROLES = [
  'first-responder',
  'competent-authority-officer',
  'shelter-staff',
  'case-worker',
  // Approves the commands the country puts under approval (APPROVAL_REQUIRED_COMMANDS) for its organisation's cases.
  'supervisor',
  'coordinator',
  'analyst',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  name: string;
  organisationId: string;
  organisationType: OrganisationType;
  roles: readonly Role[];
}

/** The actor recorded on events the system appends by itself (e.g. an expiry). */
export const SYSTEM_ACTOR: Actor = {
  userId: 'system',
  name: 'NRM system',
  organisationId: 'system',
  organisationType: 'coordinator',
  roles: [],
};
