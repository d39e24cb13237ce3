import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { AuthenticatedRequest } from './auth-guard';
import { Environment } from '../config/environment';

// 'default': the headers are then the standard Retry-After and X-RateLimit-Limit/Remaining/Reset.
const THROTTLER = 'default';
const WINDOW_MS = 60_000;

/**
 * Rate limits per user (@nestjs/throttler, counters in Redis so that every API instance counts
 * together): RATE_LIMIT_PER_MINUTE requests per minute per user and endpoint; over it, 429 with
 * Retry-After. It slows a stolen or scripted account harvesting case data; 0 turns it off.
 */
export const rateLimitModule = ThrottlerModule.forRootAsync({
  inject: [Environment],
  useFactory: (env: Environment) => ({
    throttlers: [{ name: THROTTLER, ttl: WINDOW_MS, limit: Math.max(env.RATE_LIMIT_PER_MINUTE, 1) }],
    // A connection of its own (the storage closes it), keys under this deployment's prefix. A
    // request waits for one reconnection attempt at most when Redis is away (the guard then lets
    // it through); requests that come while it first connects wait for the connection. Each check
    // is one EVAL; the checks of requests arriving together go out in one write (auto-pipelining:
    // the profile had ioredis behind a fifth of the API's socket writes, one per request).
    storage: new ThrottlerStorageRedisService(env.REDIS_URL, {
      keyPrefix: `${env.REDIS_KEY_PREFIX}:throttle:`,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
    }),
    errorMessage: `Too many requests: at most ${env.RATE_LIMIT_PER_MINUTE} a minute per user and endpoint`,
  }),
});

/**
 * Runs after AuthGuard: counts the authenticated user (organisation and user id), so colleagues
 * behind one proxy address do not share a budget. Public endpoints (health, docs) are not counted.
 */
@Injectable()
export class PerUserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly env: Environment,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return request.actor === undefined || this.env.RATE_LIMIT_PER_MINUTE === 0;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    // shouldSkip let only authenticated requests through.
    const actor = (request as unknown as AuthenticatedRequest).actor!;
    return `${actor.organisationId}/${actor.userId}`;
  }

  /** A rate limit is a safeguard, not a dependency: when Redis does not answer, the request goes on. */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      this.logger.warn(`Rate limit not checked (Redis: ${(error as Error).message})`);
      return true;
    }
  }
}
