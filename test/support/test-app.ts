import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@nrm/shared-kernel';
import { createHttpApp } from '../../apps/api/src/http-app';
import { createTestDatabase, type TestDatabase, testRedisPrefix } from './test-database';
import { redisUrl, TEST_PERSONAL_DATA_MASTER_KEY } from './test-environment';
import { TEST_JWT_SECRET } from './tokens';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real HTTP application with its worker, on a database of its own, as `npm start` runs it; on
 * `clock` when given (a FixedClock the test moves on instead of waiting).
 */
export async function startTestApp(env: Record<string, string> = {}, clock?: Clock): Promise<TestApp> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: testRedisPrefix(),
    EVENT_STORE: 'postgres',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY,
    LOG_LEVEL: 'warn',
    // Other test files hold transactions open on purpose (a row lock in the deadline tests, a
    // late commit in the event-store tests); the server-wide xmin bound holds every projection
    // back meanwhile, so reads here may wait longer than a user's would.
    READ_WAIT_TIMEOUT_MS: '25000',
    ...env,
  });
  const app = await createHttpApp({ withWorker: true, clock });
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
