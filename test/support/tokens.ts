import type { OrganisationType, Role } from '@nrm/shared-kernel';
import { SignJWT } from 'jose';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

export interface TokenClaims {
  sub: string;
  name?: string;
  org: string;
  orgType: OrganisationType;
  roles: Role[];
}

export async function signToken(claims: TokenClaims, secret = TEST_JWT_SECRET, expiresIn = '1h'): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Members of staff of one kind: of `orgType`, with the one `role`, named by `title` and their id; of
 * the organisation and with the id given, or the kind's defaults.
 */
const staffMember =
  (orgType: OrganisationType, role: Role, title: string, defaults: { org: string; sub: string }) =>
  (org = defaults.org, sub = defaults.sub): TokenClaims => ({
    sub,
    name: `${title} ${sub}`,
    org,
    orgType,
    roles: [role],
  });

/** A police officer, a first responder: opens the cases. */
export const responder = staffMember('police', 'first-responder', 'Officer', { org: 'police-baku', sub: 'officer-1' });

export const coordinator = (): TokenClaims => ({
  sub: 'coordinator-1',
  name: 'National Coordinator',
  org: 'national-coordinator',
  orgType: 'coordinator',
  roles: ['coordinator'],
});

/**
 * The users most suites act as: `officer`, of the Baku police, who opens the suite's cases, and the
 * national `coordinator`. `officerId` is the officer's user id, for a suite that finds it again (on a
 * timeline entry, in the access log); a suite adds its other users beside these two.
 */
export const officerAndCoordinator = (officerId = 'officer-1') => ({
  officer: responder('police-baku', officerId),
  coordinator: coordinator(),
});

/**
 * `officerAndCoordinator`, and `otherOfficer`, of the Ganja police: an officer of another force, who
 * may not see the Baku officer's cases (need to know).
 */
export const officersAndCoordinator = (officerId = 'officer-1', otherOfficerId = 'officer-g') => ({
  ...officerAndCoordinator(officerId),
  otherOfficer: responder('police-ganja', otherOfficerId),
});

/** Signs any payload as given (claims may be missing or wrong); `exp` in seconds since the epoch. */
export async function signRawToken(
  payload: Record<string, unknown>,
  { secret = TEST_JWT_SECRET, exp = Math.floor(Date.now() / 1000) + 3600 }: { secret?: string; exp?: number } = {},
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(exp - 7200)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

/** An officer of the competent authority (the MIA's anti-trafficking department). */
export const competentAuthority = (sub = 'ca-officer-1', name = 'Competent Authority Officer'): TokenClaims => ({
  sub,
  name,
  org: 'mia-anti-trafficking',
  orgType: 'competent-authority',
  roles: ['competent-authority-officer'],
});

export const analyst = (): TokenClaims => ({
  sub: 'analyst-1',
  name: 'Statistician',
  org: 'state-statistics-committee',
  orgType: 'statistics',
  roles: ['analyst'],
});

/** A supervisor of an organisation: approves the gated commands on its cases (README "Supervisor approvals"). */
export const supervisor = (org = 'police-baku', sub = `supervisor-${org}`): TokenClaims => ({
  sub,
  name: `Supervisor of ${org}`,
  org,
  orgType: 'police',
  roles: ['supervisor'],
});

/** Staff of the NGO running a shelter: accept, check in and check out the placements there. */
export const shelterStaff = staffMember('ngo', 'shelter-staff', 'Staff', { org: 'ngo-tamas', sub: 'staff-1' });

/**
 * A case worker: follows the person through repatriation, reintegration and the case's closure. Of the
 * officers' organisation unless `org` says otherwise, so that the officers' cases are theirs to act on.
 */
export const caseWorker = ({
  org = 'police-baku',
  orgType = 'ngo',
  sub = 'case-worker-1',
  name = 'Case Worker',
}: Partial<Omit<TokenClaims, 'roles'>> = {}): TokenClaims => ({ sub, name, org, orgType, roles: ['case-worker'] });

/** Signs each of `claims` with the test secret, in order. */
export const signTokens = (...claims: TokenClaims[]): Promise<string[]> =>
  Promise.all(claims.map((each) => signToken(each)));
