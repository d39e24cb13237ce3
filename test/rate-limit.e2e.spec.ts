import Redis from 'ioredis';
import request from 'supertest';
import { useTestApp } from './support/test-app';
import { redisUrl } from './support/test-environment';
import { coordinator, responder, signToken } from './support/tokens';

describe('Rate limit per user (RATE_LIMIT_PER_MINUTE, counted in Redis)', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });

  const indicators = (token: string) => request(t.http).get('/indicators').set('Authorization', `Bearer ${token}`);

  it('the sixth request of a user within a minute is 429 problem+json with Retry-After; other users and /health are not held back', async () => {
    const officer = await signToken(responder('police-baku', 'officer-busy'));
    for (let i = 0; i < 5; i++) expect((await indicators(officer)).status).toBe(200);

    const refused = await indicators(officer);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/at most 5 a minute per user/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    // The counters live under this deployment's Redis prefix (and expire with their minute).
    const redis = new Redis(redisUrl);
    try {
      const keys = await redis.keys(`${process.env.REDIS_KEY_PREFIX}:throttle:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    } finally {
      await redis.quit();
    }

    // Another user, even of the same organisation, has a budget of their own.
    expect((await indicators(await signToken(responder('police-baku', 'officer-calm')))).status).toBe(200);
    expect((await indicators(await signToken(coordinator()))).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await request(t.http).get('/health')).status).toBe(200);
  });

  it('a request without a valid token is 401, never counted against anyone', async () => {
    for (let i = 0; i < 8; i++) expect((await request(t.http).get('/indicators')).status).toBe(401);
  });
});
