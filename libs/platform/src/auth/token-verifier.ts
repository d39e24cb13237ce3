import { type Actor, ORGANISATION_TYPES, type OrganisationType, type Role, ROLES } from '@nrm/shared-kernel';
import { textProblem } from '../http/untrusted-input';
import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyOptions } from 'jose';

export interface TokenVerifierSettings {
  /** HS256 shared secret (local and test). */
  secret?: string;
  /** OIDC issuer's JWKS (production); takes precedence over the secret. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export class InvalidTokenError extends Error {}

/** Checks a bearer token's signature and claims and turns it into the acting user. */
export class TokenVerifier {
  private readonly verifySignature: (token: string, options: JWTVerifyOptions) => Promise<{ payload: JWTPayload }>;

  constructor(private readonly settings: TokenVerifierSettings) {
    if (settings.jwksUrl) {
      const keySet = createRemoteJWKSet(new URL(settings.jwksUrl));
      this.verifySignature = (token, options) =>
        jwtVerify(token, keySet, {
          ...options,
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
        });
    } else if (settings.secret) {
      const secret = new TextEncoder().encode(settings.secret);
      this.verifySignature = (token, options) => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
    } else {
      throw new Error('TokenVerifier needs a JWKS URL or a secret');
    }
  }

  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.verifySignature(token, {
        ...(this.settings.issuer ? { issuer: this.settings.issuer } : {}),
        ...(this.settings.audience ? { audience: this.settings.audience } : {}),
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    return actorFromClaims(payload);
  }
}

function actorFromClaims(payload: JWTPayload): Actor {
  const { sub, name, org, orgType, roles } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('claim sub is missing');
  if (typeof org !== 'string' || org === '') throw new InvalidTokenError('claim org is missing');
  for (const [claim, value] of Object.entries({ sub, org, name })) {
    const problem = typeof value === 'string' ? textProblem(value, { singleLine: true, maxLength: 200 }) : null;
    if (problem) throw new InvalidTokenError(`claim ${claim} ${problem}`);
  }
  if (!ORGANISATION_TYPES.includes(orgType as OrganisationType)) {
    throw new InvalidTokenError(`claim orgType must be one of ${ORGANISATION_TYPES.join(', ')}`);
  }
  if (!Array.isArray(roles) || roles.some((role) => !ROLES.includes(role as Role))) {
    throw new InvalidTokenError(`claim roles must be a list of ${ROLES.join(', ')}`);
  }
  return {
    userId: sub,
    name: typeof name === 'string' ? name : sub,
    organisationId: org,
    organisationType: orgType as OrganisationType,
    roles: roles as Role[],
  };
}
