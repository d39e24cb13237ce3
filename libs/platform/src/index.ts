/**
 * The platform, as the other libraries and the apps use it: configuration, the clock, logging,
 * PostgreSQL, Redis, the event store's wiring, authentication, idempotency, personal-data
 * protection, process start and shutdown. The HTTP edge (validation, problem+json, query
 * parameters, read-your-writes) is the named entry `@nrm/platform/http`, which the application
 * layer may not import. The domain imports neither.
 */
export { AllowRoles, CurrentActor, Public, type AuthenticatedRequest } from './http/auth-guard';
export { enableBoundedShutdown } from './bounded-shutdown';
export { CLOCK } from './clock';
export { CommandPipeline } from './commands/command-pipeline';
export { Environment, InvalidConfigurationError, loadEnvironment, validateEnvironment } from './config/environment';
export { bigintColumn } from './database/bigint-column';
export { dataSourceOptions, runMigrations } from './database/data-source';
export { createEventStore } from './event-store/create-event-store';
export { IdempotentCommands } from './idempotency/idempotent-commands';
export { ProcessLogger } from './logging/process-log';
export { personalDataProtectorFor } from './personal-data';
export { PlatformModule } from './platform.module';
export { REDIS } from './redis/redis.module';
export { runProcess } from './run-process';
export { COMMAND_GATE } from './commands/command-pipeline';
export type {
  CommandContext,
  CommandDefinition,
  CommandGate,
  CommandServices,
  PendingApproval,
} from './commands/command-pipeline';
export { approvalRequiredCommands, personMatchKeyOf } from './config/environment';
export { SEND_WITH_NEXT, WRITE_SQL } from './event-store/event-store.module';
export { StreamCommands } from './event-store/stream-commands';
export type { StreamCommandResult, StreamFold } from './event-store/stream-commands';
export { IntegrityAnchorJob } from './integrity/integrity.providers';
export { StoreIntegrity, integrityAnchorKey } from './integrity/store-integrity';
export type { IntegrityReport } from './integrity/store-integrity';
export { PERSONAL_DATA_ERASER } from './personal-data';
export type { PersonalDataEraser, SqlQuery, SqlWithoutResult } from './personal-data';
