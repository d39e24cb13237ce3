import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@nrm/shared-kernel';
import { createHttpApp } from '../../apps/api/src/http-app';
import { createTestDatabase, type TestDatabase, testRedisPrefix } from './test-database';
import { redisUrl, TEST_PERSONAL_DATA_MASTER_KEY } from './test-environment';
import { signToken, TEST_JWT_SECRET, type TokenClaims } from './tokens';

export interface TestAppOptions {
  withWorker?: boolean;
  clock?: Clock;
}

/**
 * The real HTTP application with its worker (unless `withWorker` is false), on a database of its
 * own, as `npm start` runs it; on `clock` when given (a FixedClock the test moves on instead of waiting).
 */
export class TestApp {
  private running?: INestApplication;
  private ownDatabase?: TestDatabase;

  constructor(
    private readonly env: Record<string, string> = {},
    private readonly options: TestAppOptions = {},
  ) {}

  get app(): INestApplication {
    if (!this.running) throw new Error('the test app is not running (started in beforeAll, or stopped)');
    return this.running;
  }

  get http(): ReturnType<INestApplication['getHttpServer']> {
    return this.app.getHttpServer();
  }

  get database(): TestDatabase {
    if (!this.ownDatabase) throw new Error('the test app has no database yet (made in beforeAll)');
    return this.ownDatabase;
  }

  /** A fresh database, and the app on it. */
  async start(): Promise<void> {
    this.ownDatabase = await createTestDatabase();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: this.ownDatabase.url,
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
      ...this.env,
    });
    await this.startApp();
  }

  /** Stops the API and its worker, as an operator does before a CLI command that asks it; the database stays. */
  async stop(): Promise<void> {
    const app = this.running;
    this.running = undefined;
    await app?.close();
  }

  /** The app again, on the same database and environment. */
  async restart(): Promise<void> {
    await this.stop();
    await this.startApp();
  }

  /** Stops the app and drops its database. */
  async close(): Promise<void> {
    await this.stop();
    await this.ownDatabase?.drop();
  }

  private async startApp(): Promise<void> {
    const { withWorker = true, clock } = this.options;
    const app = await createHttpApp({ withWorker, clock });
    await app.init();
    this.running = app;
  }
}

/** A test app started as `TestApp` describes. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const testApp = new TestApp(env, options);
  await testApp.start();
  return testApp;
}

/** What a describe block gets from `useTestApp`: its test app, and a token for each user it named. */
export type TestSuite<User extends string> = TestApp & { tokens: Record<User, string> };

/**
 * The test app of one describe block, with a token signed for each of `users`: started before the
 * block's tests, closed after them. Its app, database and tokens are there from the block's
 * beforeAll on (the hooks the block registers later run after this one).
 */
export function useTestApp<User extends string = never>({
  env = {},
  users = {} as Record<User, TokenClaims>,
  ...options
}: TestAppOptions & { env?: Record<string, string>; users?: Record<User, TokenClaims> } = {}): TestSuite<User> {
  const suite = Object.assign(new TestApp(env, options), { tokens: {} as Record<User, string> });
  beforeAll(async () => {
    await suite.start();
    for (const [user, claims] of Object.entries<TokenClaims>(users)) {
      suite.tokens[user as User] = await signToken(claims);
    }
  });
  afterAll(() => suite.close());
  return suite;
}

/**
 * For the scenarios of each context's own rules, which close cases and adopt plans as the officers
 * and case workers who would otherwise need a supervisor's approval (approvals.e2e.spec.ts runs the
 * default configuration, with the approval step).
 */
export const WITHOUT_APPROVALS = { APPROVAL_REQUIRED_COMMANDS: 'none' } as const;
