import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { Environment } from '../config/environment';

export const REDIS = Symbol('REDIS');

/** One shared ioredis connection; maxRetriesPerRequest null as BullMQ requires of its connections. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [Environment],
      useFactory: (env: Environment) => {
        const logger = new Logger('Redis');
        const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
        redis.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // QUIT would wait in the offline queue for a Redis that is gone (maxRetriesPerRequest null).
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
