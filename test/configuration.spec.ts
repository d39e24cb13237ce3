import { spawn } from 'node:child_process';
import {
  approvalRequiredCommands,
  personMatchKeyOf,
  InvalidConfigurationError,
  validateEnvironment,
} from '@nrm/platform';

const minimal = {
  AUTH_JWT_SECRET: 'a-secret-that-is-at-least-32-characters-long',
  PERSONAL_DATA_MASTER_KEY: 'bnJtLXRlc3QtcGVyc29uYWwtZGF0YS1rZXkhbnJtLXQ=',
};
/** Production requires both keys: each test of one gives the other. */
const personMatchKey = 'cGVyc29uLW1hdGNoLWtleS1mb3ItdGhlLWNvbmZpZy0=';
const anchorKey = 'an-integrity-anchor-key-of-32-characters-at-least';

describe('validateEnvironment', () => {
  it('accepts a minimal valid environment and fills in the defaults', () => {
    const env = validateEnvironment(minimal);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      EVENT_STORE: 'postgres',
      AUTH_JWT_SECRET: minimal.AUTH_JWT_SECRET,
      READ_WAIT_TIMEOUT_MS: 5000,
    });
    expect(env.DATABASE_URL).toMatch(/^postgres/);
  });

  it('turns numeric strings into numbers', () => {
    const env = validateEnvironment({
      ...minimal,
      PORT: '8080',
      READ_WAIT_TIMEOUT_MS: '250',
      DEADLINE_JOB_LOCK_MS: '1500',
      DATABASE_POOL_SIZE: '40',
    });
    expect(env.PORT).toBe(8080);
    expect(env.READ_WAIT_TIMEOUT_MS).toBe(250);
    expect(env.DEADLINE_JOB_LOCK_MS).toBe(1500);
    expect(env.DATABASE_POOL_SIZE).toBe(40);
  });

  it('fills in the defaults of the deadline worker, the anchors, the pools, the safety net, the shutdown and approvals', () => {
    expect(validateEnvironment(minimal)).toMatchObject({
      DEADLINE_WORKER_CONCURRENCY: 8,
      DEADLINE_JOB_LOCK_MS: 30_000,
      DEADLINE_STALLED_INTERVAL_MS: 30_000,
      INTEGRITY_ANCHOR_INTERVAL_MINUTES: 60,
      DATABASE_POOL_SIZE: 10,
      EVENT_STORE_POOL_SIZE: 20,
      PROJECTION_SAFETY_NET_MS: 2000,
      SHUTDOWN_TIMEOUT_MS: 10000,
      APPROVAL_DEADLINE_HOURS: 48,
    });
  });

  it.each([
    ['DEADLINE_WORKER_CONCURRENCY', '0', /DEADLINE_WORKER_CONCURRENCY must be a whole number from 1 to 100/],
    ['DEADLINE_STALLED_INTERVAL_MS', 'often', /DEADLINE_STALLED_INTERVAL_MS/],
    [
      'INTEGRITY_ANCHOR_INTERVAL_MINUTES',
      '0',
      /INTEGRITY_ANCHOR_INTERVAL_MINUTES must be a whole number from 1 to 10080/,
    ],
    ['DATABASE_POOL_SIZE', '1', /DATABASE_POOL_SIZE must be a whole number from 2 to 500/],
    ['EVENT_STORE_POOL_SIZE', 'many', /EVENT_STORE_POOL_SIZE/],
    ['SHUTDOWN_TIMEOUT_MS', '-1', /SHUTDOWN_TIMEOUT_MS/],
    ['PROJECTION_SAFETY_NET_MS', '10', /PROJECTION_SAFETY_NET_MS/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be at least 16/],
    ['APPROVAL_DEADLINE_HOURS', '0', InvalidConfigurationError],
  ])('refuses %s=%s', (variable, value, refusal) => {
    expect(() => validateEnvironment({ ...minimal, [variable]: value })).toThrow(refusal);
  });

  it('requires an integrity anchor key of 32 characters or more in production', () => {
    expect(validateEnvironment(minimal).INTEGRITY_ANCHOR_KEY).toBeUndefined();
    expect(() => validateEnvironment({ ...minimal, NODE_ENV: 'production' })).toThrow(
      /INTEGRITY_ANCHOR_KEY is required with NODE_ENV=production/,
    );
    expect(() => validateEnvironment({ ...minimal, INTEGRITY_ANCHOR_KEY: 'too-short' })).toThrow(
      /INTEGRITY_ANCHOR_KEY must be at least 32 characters/,
    );
    const key = 'an-anchor-key-of-at-least-32-characters';
    expect(
      validateEnvironment({
        ...minimal,
        NODE_ENV: 'production',
        INTEGRITY_ANCHOR_KEY: key,
        PERSON_MATCH_KEY: personMatchKey,
      }),
    ).toMatchObject({
      INTEGRITY_ANCHOR_KEY: key,
    });
  });

  it('says which commands need a supervisor approval: both by default, none, or a valid list; other names refused', () => {
    const gated = (value?: string) =>
      approvalRequiredCommands(validateEnvironment({ ...minimal, APPROVAL_REQUIRED_COMMANDS: value }));
    expect(gated()).toEqual(['CloseCase', 'AdoptReintegrationPlan']);
    expect(gated('none')).toEqual([]);
    expect(gated('AdoptReintegrationPlan')).toEqual(['AdoptReintegrationPlan']);
    expect(() => gated('CloseCase,TransferCase')).toThrow(/APPROVAL_REQUIRED_COMMANDS must be none or names among/);
  });

  it('requires PERSON_MATCH_KEY in production only, as base64 of 32 bytes', () => {
    const key = 'cGVyc29uLW1hdGNoLWtleS1mb3ItdGhlLWNvbmZpZy0=';
    expect(() => validateEnvironment({ ...minimal, NODE_ENV: 'production' })).toThrow(
      /PERSON_MATCH_KEY is required with NODE_ENV=production/,
    );
    expect(() => validateEnvironment({ ...minimal, PERSON_MATCH_KEY: 'too-short' })).toThrow(/PERSON_MATCH_KEY/);
    const production = validateEnvironment({
      ...minimal,
      NODE_ENV: 'production',
      PERSON_MATCH_KEY: key,
      INTEGRITY_ANCHOR_KEY: anchorKey,
    });
    expect(personMatchKeyOf(production)).toEqual(Buffer.from(key, 'base64'));
    // Elsewhere a development key stands in, never the production one.
    const development = personMatchKeyOf(validateEnvironment(minimal));
    expect(development).toHaveLength(32);
    expect(development).not.toEqual(Buffer.from(key, 'base64'));
  });

  it('accepts a JWKS URL instead of a secret', () => {
    const env = validateEnvironment({
      AUTH_JWKS_URL: 'https://login.example.az/.well-known/jwks.json',
      PERSONAL_DATA_MASTER_KEY: minimal.PERSONAL_DATA_MASTER_KEY,
    });
    expect(env.AUTH_JWKS_URL).toBe('https://login.example.az/.well-known/jwks.json');
  });

  it('requires an esdb connection string when EVENT_STORE=esdb', () => {
    expect(() => validateEnvironment({ ...minimal, EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(
      validateEnvironment({
        ...minimal,
        EVENT_STORE: 'esdb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }),
    ).toMatchObject({ EVENT_STORE: 'esdb' });
  });

  it('requires the personal-data master key: base64 of exactly 32 bytes', () => {
    const { PERSONAL_DATA_MASTER_KEY: _key, ...withoutKey } = minimal;
    expect(() => validateEnvironment(withoutKey)).toThrow(/PERSONAL_DATA_MASTER_KEY is required: base64 of exactly 32/);
    expect(() => validateEnvironment({ ...minimal, PERSONAL_DATA_MASTER_KEY: 'c2hvcnQ=' })).toThrow(
      /PERSONAL_DATA_MASTER_KEY/,
    );
    expect(() =>
      validateEnvironment({ ...minimal, PERSONAL_DATA_MASTER_KEY: Buffer.alloc(33, 1).toString('base64') }),
    ).toThrow(/PERSONAL_DATA_MASTER_KEY/);
  });

  it('refuses no secret and no JWKS URL', () => {
    expect(() => validateEnvironment({})).toThrow(/AUTH_JWT_SECRET/);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      validateEnvironment({
        DATABASE_URL: 'mysql://x',
        EVENT_STORE: 'mongo',
        AUTH_JWT_SECRET: 'short',
        PORT: 'eighty',
        REDIS_URL: 'http://redis',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    const message = (error as Error).message;
    for (const variable of ['DATABASE_URL', 'EVENT_STORE', 'AUTH_JWT_SECRET', 'PORT', 'REDIS_URL', 'LOG_LEVEL']) {
      expect(message).toContain(variable);
    }
  });

  it('lists every bad variable by name in invalidSettings', () => {
    expect(() => validateEnvironment({ ...minimal, PORT: 'eighty', HTTP_BODY_LIMIT_BYTES: '12' })).toThrow(
      expect.objectContaining({
        invalidSettings: [
          { variable: 'PORT', problems: expect.arrayContaining(['PORT must be an integer number']) },
          { variable: 'HTTP_BODY_LIMIT_BYTES', problems: [expect.stringContaining('from 1024 to 10485760')] },
        ],
      }),
    );
  });
});

describe('a process started with bad settings', () => {
  /** Runs an app's main.ts with these settings instead of the test run's; its output and exit code. */
  function start(
    main: string,
    env: Record<string, string>,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const { PATH, HOME } = process.env;
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', main],
        { env: { PATH, HOME, ...env } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
    '%s prints one JSON log line naming every bad variable, and exits 1',
    async (main) => {
      const { code, stdout, stderr } = await start(main, {
        PORT: 'eighty',
        AUTH_JWT_SECRET: 'short',
        LOG_LEVEL: 'loud',
        PERSONAL_DATA_MASTER_KEY: minimal.PERSONAL_DATA_MASTER_KEY,
      });
      expect(code).toBe(1);
      expect(stderr).toBe('');
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]);
      expect(line).toMatchObject({ level: 60, msg: expect.stringMatching(/^invalid configuration: /) });
      expect(line.invalidSettings.map((s: { variable: string }) => s.variable).sort()).toEqual([
        'AUTH_JWT_SECRET',
        'LOG_LEVEL',
        'PORT',
      ]);
      // eslint-disable-next-line no-control-regex -- no terminal colours
      expect(stdout).not.toMatch(/\u001b\[/);
    },
    60_000,
  );
});
