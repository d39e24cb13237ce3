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

export const responder = (org = 'police-baku', sub = 'officer-1'): TokenClaims => ({
  sub,
  name: `Officer ${sub}`,
  org,
  orgType: 'police',
  roles: ['first-responder'],
});

export const coordinator = (): TokenClaims => ({
  sub: 'coordinator-1',
  name: 'National Coordinator',
  org: 'national-coordinator',
  orgType: 'coordinator',
  roles: ['coordinator'],
});
