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
 * The real HTTP application with its worker (unless `withWorker` is false), on a database of its
 * own, as `npm start` runs it; on `clock` when given (a FixedClock the test moves on instead of waiting).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  { withWorker = true, clock }: { withWorker?: boolean; clock?: Clock } = {},
): Promise<TestApp> {
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
  const app = await createHttpApp({ withWorker, clock });
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

/**
 * For the scenarios of each context's own rules, which close cases and adopt plans as the officers
 * and case workers who would otherwise need a supervisor's approval (approvals.e2e.spec.ts runs the
 * default configuration, with the approval step).
 */
export const WITHOUT_APPROVALS = { APPROVAL_REQUIRED_COMMANDS: 'none' } as const;
