import type { Actor, OrganisationType, Role } from '../actor';

/** A member of staff with one role; the user is `<role>-1`, as no rule looks at who exactly acts. */
function staffMember(role: Role, organisationId: string, organisationType: OrganisationType): Actor {
  return { userId: `${role}-1`, name: `Spec ${role}`, organisationId, organisationType, roles: [role] };
}

/**
 * The people who act in the deciders' specs, one per role a rule looks at. A case worker, of the
 * organisation that opened the case, is `caseWorker()` of `@nrm/case/testing`.
 */
export const policeOfficer = staffMember('first-responder', 'police-baku', 'police');
export const competentAuthorityOfficer = staffMember(
  'competent-authority-officer',
  'mia-anti-trafficking',
  'competent-authority',
);
export const shelterStaff = staffMember('shelter-staff', 'ngo-tamas', 'ngo');
export const coordinator = staffMember('coordinator', 'national-coordinator', 'coordinator');
