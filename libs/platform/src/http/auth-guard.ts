import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@nrm/shared-kernel';
import type { Request } from 'express';
import { InvalidTokenError, TokenVerifier } from '../auth/token-verifier';

const PUBLIC = 'nrm:public';
const ALLOWED_ROLES = 'nrm:roles';

/** No token needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Only callers holding one of these roles; others get 403. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export type AuthenticatedRequest = Request & { actor?: Actor };

/** A bearer token was sent but is not valid (RFC 6750 error="invalid_token"). */
export class InvalidBearerTokenException extends UnauthorizedException {}

/** The verified caller of this request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  authenticatedActor(context),
);

/** The caller AuthGuard verified for this request; 401 when there is none. */
export function authenticatedActor(context: ExecutionContext): Actor {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('No authenticated caller');
  return actor;
}

/** 401 without a valid bearer token; 403 when the route needs a role the caller lacks. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('An Authorization: Bearer <token> header is required');
    }
    try {
      request.actor = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new InvalidBearerTokenException(`Invalid token: ${error.message}`);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !request.actor.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException(`This action needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }
}
