import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  IsBoolean,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  validateSync,
} from 'class-validator';

/** The commands a country may put under a supervisor's approval (APPROVAL_REQUIRED_COMMANDS). */
export const APPROVABLE_COMMANDS = ['CloseCase', 'AdoptReintegrationPlan'] as const;
export type ApprovableCommand = (typeof APPROVABLE_COMMANDS)[number];
const APPROVAL_REQUIRED_COMMANDS_PATTERN = new RegExp(
  `^(none|(${APPROVABLE_COMMANDS.join('|')})(,(${APPROVABLE_COMMANDS.join('|')}))*)$`,
);

/** The commands APPROVAL_REQUIRED_COMMANDS puts under approval (none: an empty list). */
export function approvalRequiredCommands(env: Pick<Environment, 'APPROVAL_REQUIRED_COMMANDS'>): ApprovableCommand[] {
  if (env.APPROVAL_REQUIRED_COMMANDS === 'none') return [];
  return [...new Set(env.APPROVAL_REQUIRED_COMMANDS.split(',') as ApprovableCommand[])];
}
/** Outside production only (validation refuses its absence there): a published, hence worthless, key. */
const DEVELOPMENT_PERSON_MATCH_KEY = 'bnJtLWRldmVsb3BtZW50LXBlcnNvbi1tYXRjaC1rZXk=';

/**
 * A whole-number setting, read from its text: from `min` to `max`, or at least `min` without a `max`.
 * Whichever bound is broken, the message states both (and the note, where a bound has a reason).
 */
function WholeNumber({ min, max, note }: { min: number; max?: number; note?: string }): PropertyDecorator {
  return (target, property) => {
    const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    const message = `${String(property)} must be a whole number ${range}${note ? ` (${note})` : ''}`;
    Transform(({ value }) => Number(value))(target, property);
    IsInt({ message })(target, property);
    Min(min, { message })(target, property);
    if (max !== undefined) Max(max, { message })(target, property);
  };
}

/** Every setting the processes read, checked once at start. */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address the API listens on: 0.0.0.0 in a container, 127.0.0.1 to stay on this machine. */
  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/nrm';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key, so several deployments or test runs can share one Redis. */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, - and _ only' })
  REDIS_KEY_PREFIX = 'nrm';

  @IsIn(['postgres', 'esdb'], { message: 'EVENT_STORE must be postgres or esdb' })
  EVENT_STORE: 'postgres' | 'esdb' = 'postgres';

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'esdb')
  @Matches(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// connection string when EVENT_STORE=esdb',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @ValidateIf((env: Environment) => !env.AUTH_JWKS_URL)
  @IsString({ message: 'AUTH_JWT_SECRET is required unless AUTH_JWKS_URL is set' })
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  @IsOptional() @IsString() AUTH_ISSUER?: string;
  @IsOptional() @IsString() AUTH_AUDIENCE?: string;

  /**
   * Wraps every person's data key (crypto-shredding, DESIGN §5): base64 of exactly 32 random bytes,
   * e.g. `openssl rand -base64 32`. Required in every environment (there is no built-in default, so
   * a development key can never end up in production); losing it makes all personal data unreadable.
   */
  @Matches(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, {
    message:
      'PERSONAL_DATA_MASTER_KEY is required: base64 of exactly 32 random bytes, e.g. the output of `openssl rand -base64 32`',
  })
  PERSONAL_DATA_MASTER_KEY!: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Default length of a reflection period (Council of Europe Convention art. 13: at least 30). */
  @WholeNumber({ min: 30, max: 365, note: 'at least 30: CoE Convention art. 13' })
  REFLECTION_PERIOD_DAYS = 30;

  /** Deadlines (DESIGN §3), per country. */
  @WholeNumber({ min: 1 })
  HAND_OVER_HOURS = 24;

  @WholeNumber({ min: 1 })
  STATUS_DECISION_WORKING_DAYS = 5;

  @WholeNumber({ min: 1 })
  CHILD_PROTECTION_NOTICE_HOURS = 24;

  @WholeNumber({ min: 1 })
  SHELTER_ANSWER_HOURS = 24;

  @WholeNumber({ min: 1 })
  SHELTER_STAY_DAYS = 30;

  /**
   * Which commands need a supervisor's approval in this country (README "Supervisor approvals"): names
   * from APPROVABLE_COMMANDS separated by commas, or `none` to turn approvals off (an empty value means
   * "not set", so the default applies, as for every setting).
   */
  @Matches(APPROVAL_REQUIRED_COMMANDS_PATTERN, {
    message: `APPROVAL_REQUIRED_COMMANDS must be none or names among ${APPROVABLE_COMMANDS.join(', ')} separated by commas`,
  })
  APPROVAL_REQUIRED_COMMANDS = 'CloseCase,AdoptReintegrationPlan';

  /** How long an approval may stay pending before its deadline on the board falls due. */
  @WholeNumber({ min: 1 })
  APPROVAL_DEADLINE_HOURS = 48;

  /** Public holidays announced yearly (moveable ones), added to the shipped fixed-date calendar. */
  @Matches(/^(\d{4}-\d{2}-\d{2})?(,\d{4}-\d{2}-\d{2})*$/, {
    message: 'EXTRA_PUBLIC_HOLIDAYS must be dates YYYY-MM-DD separated by commas',
  })
  EXTRA_PUBLIC_HOLIDAYS = '';

  /** When to remind the responsible organisation before a deadline, in hours. */
  @Matches(/^\d+(,\d+)*$/, { message: 'DEADLINE_REMINDER_HOURS must be hours separated by commas, e.g. 72,24' })
  DEADLINE_REMINDER_HOURS = '72,24';

  /** How often the worker re-creates missing deadline jobs from the database. */
  @WholeNumber({ min: 1_000 })
  DEADLINE_RECONCILE_INTERVAL_MS = 30_000;

  /** How long a read with `minPosition` waits for the projections at most. */
  @WholeNumber({ min: 0, max: 60_000 })
  READ_WAIT_TIMEOUT_MS = 5_000;

  /** Largest request body the API reads, in bytes (413 beyond): room for the longest free texts. */
  @WholeNumber({ min: 1024, max: 10_485_760 })
  HTTP_BODY_LIMIT_BYTES = 262_144;

  /** Requests a minute one user may make to one endpoint (429 beyond); 0 turns the limit off. */
  @WholeNumber({ min: 0, note: '0 turns the limit off' })
  RATE_LIMIT_PER_MINUTE = 600;

  /** How many deadline jobs one worker runs at once. */
  @WholeNumber({ min: 1, max: 100 })
  DEADLINE_WORKER_CONCURRENCY = 8;

  /**
   * How long a deadline job's lock lasts before another worker may take the job over: a dead
   * worker's job runs again after about this plus DEADLINE_STALLED_INTERVAL_MS.
   */
  @WholeNumber({ min: 500, max: 600_000 })
  DEADLINE_JOB_LOCK_MS = 30_000;

  /** How often workers look for deadline jobs whose worker died (stalled jobs). */
  @WholeNumber({ min: 500, max: 600_000 })
  DEADLINE_STALLED_INTERVAL_MS = 30_000;

  /**
   * Connections of the read-model pool (TypeORM: reads, projections' transactions, idempotency).
   * Projections' advisory locks live on one dedicated connection outside it.
   */
  @WholeNumber({ min: 2, max: 500 })
  DATABASE_POOL_SIZE = 10;

  /** Connections of the PostgreSQL event store's pool (appends and reads of events). */
  @WholeNumber({ min: 2, max: 500 })
  EVENT_STORE_POOL_SIZE = 20;

  /**
   * How often projections read although nothing woke them (the safety net behind LISTEN/NOTIFY),
   * and ask for the locks of projections another worker holds: a dead worker's projections are
   * taken over within about this long.
   */
  @WholeNumber({ min: 100, max: 600_000 })
  PROJECTION_SAFETY_NET_MS = 2_000;

  /**
   * The longest a graceful shutdown (SIGTERM, SIGINT) takes: in-flight requests, the batch in hand
   * and active jobs get this long, then the process exits with code 1 naming what did not finish.
   */
  @WholeNumber({ min: 100, max: 600_000 })
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open (Prometheus scrapes). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * How long an Idempotency-Key is kept after its first use: a retry within it gets the first
   * result; after it the key is forgotten (purged) and may be used anew.
   */
  @WholeNumber({ min: 1, max: 8_760 })
  IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

  /**
   * With EVENT_STORE=esdb (no transaction spans EventStoreDB and PostgreSQL): how long a request
   * holds its Idempotency-Key before a retry may take it over, when its process died mid-command.
   */
  @WholeNumber({ min: 1, max: 3_600 })
  IDEMPOTENCY_KEY_LEASE_SECONDS = 30;

  /**
   * GET /statistics shows a count under this many people as "<k" (and hides the cells that would
   * give it away). Never below 11, the CTDC's k, in any environment (tests included).
   */
  @WholeNumber({ min: 11 })
  STATISTICS_MIN_CELL = 11;

  /**
   * The console's demo sign-in (GET /auth/demo-users, POST /auth/demo-token): anyone may take a demo
   * user's token, so it is for a local machine only: refused with NODE_ENV=production and without
   * AUTH_JWT_SECRET (the demo tokens are signed with it).
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'DEMO_SIGN_IN must be true or false' })
  @ValidateBy({
    name: 'demoSignInAllowed',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const env = args?.object as Environment;
        return value !== true || (env.NODE_ENV !== 'production' && Boolean(env.AUTH_JWT_SECRET));
      },
      defaultMessage: () =>
        'DEMO_SIGN_IN=true is refused with NODE_ENV=production (anyone could sign in as anyone) and needs AUTH_JWT_SECRET',
    },
  })
  DEMO_SIGN_IN = false;

  /**
   * The key of the person-matching blind index (duplicate-person alerts): HMAC-SHA256 of normalised
   * names with birth data, so cases can be compared without decrypting them. Base64 of exactly 32
   * random bytes (`openssl rand -base64 32`). Required with NODE_ENV=production; elsewhere a fixed
   * development key stands in. Changing it makes every existing entry unmatchable (new cases match
   * only cases opened after the change).
   */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.PERSON_MATCH_KEY !== undefined)
  @Matches(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, {
    message:
      'PERSON_MATCH_KEY is required with NODE_ENV=production: base64 of exactly 32 random bytes, e.g. the output of `openssl rand -base64 32`',
  })
  PERSON_MATCH_KEY?: string;

  /**
   * Signs the integrity anchors (HMAC-SHA256 over every stream's head): at least 32 characters, e.g.
   * `openssl rand -base64 32`. Keep it outside the database (a secret store): whoever holds both the
   * key and the database can forge anchors. Required with NODE_ENV=production; elsewhere a fixed
   * development key stands in when it is unset.
   */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.INTEGRITY_ANCHOR_KEY !== undefined)
  @IsString({ message: 'INTEGRITY_ANCHOR_KEY is required with NODE_ENV=production: at least 32 random characters' })
  @MinLength(32, { message: 'INTEGRITY_ANCHOR_KEY must be at least 32 characters, e.g. `openssl rand -base64 32`' })
  INTEGRITY_ANCHOR_KEY?: string;

  /** How often the worker anchors every stream's head (signed), by the clock. */
  @WholeNumber({ min: 1, max: 10_080 })
  INTEGRITY_ANCHOR_INTERVAL_MINUTES = 60;

  /** The country's time zone: the console shows every date and time in it (IANA name). */
  @ValidateBy({
    name: 'ianaTimeZone',
    validator: {
      validate: isTimeZone,
      defaultMessage: () => 'CONSOLE_TIME_ZONE must be an IANA time zone such as Asia/Baku',
    },
  })
  CONSOLE_TIME_ZONE = 'Asia/Baku';

  /** The console's OIDC client id at AUTH_ISSUER (authorization-code flow with PKCE). */
  @IsOptional() @IsString() CONSOLE_OIDC_CLIENT_ID?: string;

  /** Where the built console is (served at `/`); relative to the working directory. */
  @IsString()
  CONSOLE_DIR = 'dist/web';
}

/** PERSON_MATCH_KEY as bytes; outside production without one, the development key. */
export function personMatchKeyOf(env: Pick<Environment, 'PERSON_MATCH_KEY'>): Buffer {
  return Buffer.from(env.PERSON_MATCH_KEY ?? DEVELOPMENT_PERSON_MATCH_KEY, 'base64');
}

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The settings that are wrong, each with what it must be. */
export class InvalidConfigurationError extends Error {
  constructor(readonly invalidSettings: { variable: string; problems: string[] }[]) {
    super(`Invalid configuration:\n  - ${invalidSettings.flatMap(({ problems }) => problems).join('\n  - ')}`);
  }
}

/** Validates process.env; the message lists every bad variable and what it must be. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const environment = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new InvalidConfigurationError(
      errors.map((error) => ({ variable: error.property, problems: Object.values(error.constraints ?? {}) })),
    );
  }
  return environment;
}

/**
 * The process's settings, validated: the one place the code reads process.env (a bad setting throws
 * InvalidConfigurationError naming every bad variable).
 */
export function loadEnvironment(): Environment {
  return validateEnvironment(process.env);
}
