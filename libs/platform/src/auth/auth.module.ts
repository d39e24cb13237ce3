import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Environment } from '../config/environment';
import { PerUserThrottlerGuard, rateLimitModule } from '../http/rate-limit';
import { AuthGuard } from '../http/auth-guard';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  imports: [rateLimitModule],
  providers: [
    {
      provide: TokenVerifier,
      inject: [Environment],
      useFactory: (env: Environment) =>
        new TokenVerifier({
          secret: env.AUTH_JWT_SECRET,
          jwksUrl: env.AUTH_JWKS_URL,
          issuer: env.AUTH_ISSUER,
          audience: env.AUTH_AUDIENCE,
        }),
    },
    // In this order: the rate limit counts the user AuthGuard has authenticated.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PerUserThrottlerGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
