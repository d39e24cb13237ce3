import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { expireReflectionPeriod } from '@nrm/case';
import { CLOCK, CommandPipeline, Environment } from '@nrm/platform';
import { type Clock, SYSTEM_ACTOR } from '@nrm/shared-kernel';
import { type Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type DeadlineJobData,
  DUE_STEP,
  jobIdOf,
  parseReminderHours,
  plannedSteps,
  type SchedulableDeadline,
} from './deadline-steps';

export const DEADLINE_QUEUE = 'deadlines';

/** What a job did: its effect happened now, or nothing (already fired, moved, closed, unknown). */
export type StepOutcome = 'fired' | 'skipped';

interface DeadlineRow {
  deadline_id: string;
  kind: string;
  case_id: string;
  reference: string | null;
  responsible_organisation_id: string;
  started_at: Date;
  due_at: Date;
  status: string;
  version: number;
  /** Steps of this version that fired (deadline_job_steps). */
  fired_steps: string[];
  /** When a reminder of this deadline last went out, whatever the version (a move does not reset it). */
  last_reminded_at: Date | null;
  case_number: string | null;
}

/** A deadline (the projection's) with what its jobs did (theirs, in deadline_job_steps). */
const COLUMNS = `d.deadline_id, d.kind, d.case_id, d.reference, d.responsible_organisation_id, d.started_at, d.due_at,
  d.status, d.version,
  ARRAY(SELECT s.step FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id AND s.deadline_version = d.version
    ORDER BY s.fired_at, s.step) AS fired_steps,
  (SELECT max(s.fired_at) FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id AND s.step <> '${DUE_STEP}')
    AS last_reminded_at`;
const RECONCILE_PAGE = 1000;
/** The projection waits this long at most for Redis before leaving the jobs to the reconciler. */
const SCHEDULE_TIMEOUT_MS = 2_000;

const KIND_LABELS: Record<string, string> = {
  'hand-over': 'The hand-over to the competent authority',
  'status-decision': 'The victim-status decision',
  'child-protection-notice': 'The notice to child protection',
  'reflection-period': 'The reflection period',
  'shelter-answer': "The shelter's answer",
  'shelter-stay': 'The shelter stay',
  'reintegration-review': 'The reintegration review',
};

const toSchedulable = (row: DeadlineRow): SchedulableDeadline => ({
  deadlineId: row.deadline_id,
  version: row.version,
  startedAt: row.started_at,
  dueAt: row.due_at,
  firedSteps: row.fired_steps,
  lastRemindedAt: row.last_reminded_at,
  // Open after its 'due' fired: the expiry event has not reached the board yet.
  awaitsExpiryEvent: row.kind === 'reflection-period' && row.status === 'open',
});

/**
 * Keeps BullMQ jobs in step with the `deadlines` table, the source of truth, and runs them.
 * - `scheduleFor(ids)` (after the deadline projection commits) and the reconciler (at start and every
 *   DEADLINE_RECONCILE_INTERVAL_MS, over every open deadline) add the jobs of the steps not yet fired,
 *   with deterministic ids `${deadlineId}.v${version}.${step}`: adding an existing job is a no-op, and
 *   after FLUSHALL or on an empty Redis every pending job comes back.
 * - A job's handler re-reads the row FOR UPDATE and does nothing unless the deadline is open, at the
 *   job's version, and the step has not fired; the notification and the step's row in
 *   deadline_job_steps (the scheduler's own table, which a read-model rebuild keeps) commit in one
 *   transaction. So a job that runs twice (retry, stalled-job
 *   recovery after a worker died, a re-created job) has one effect.
 * - A reflection period's 'due' also appends ReflectionPeriodExpired as the system, after that
 *   transaction; the board marks the period expired when that event is projected. Until then the
 *   reconciler keeps planning the 'due' job again (see plannedSteps), and the decider appends
 *   nothing when the period has expired already: the expiry is appended once, even when the
 *   process dies between the escalation and the append and Redis loses the job.
 */
@Injectable()
export class DeadlineJobs
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('DeadlineJobs');
  private readonly reminderHours: number[];
  private queueConnection?: Redis;
  private workerConnection?: Redis;
  private queue?: Queue<DeadlineJobData>;
  private worker?: Worker<DeadlineJobData>;
  private reconcileTimer?: NodeJS.Timeout;
  private reconciling?: Promise<unknown>;
  private closing = false;
  private stopped?: Promise<void>;

  constructor(
    private readonly env: Environment,
    private readonly dataSource: DataSource,
    private readonly commands: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.reminderHours = parseReminderHours(env.DEADLINE_REMINDER_HOURS);
  }

  onModuleInit(): void {
    this.queueConnection = this.connect('queue');
    this.queue = new Queue<DeadlineJobData>(DEADLINE_QUEUE, {
      connection: this.queueConnection,
      prefix: this.env.REDIS_KEY_PREFIX,
      defaultJobOptions: {
        removeOnComplete: true,
        // A job that failed every attempt is dropped: the reconciler re-creates it (the step has not fired).
        removeOnFail: true,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
      },
    });
    this.queue.on('error', (error) => this.logger.warn(`Deadline queue: ${error.message}`));
  }

  /** Starts the worker, then the reconciler (at once, then every DEADLINE_RECONCILE_INTERVAL_MS). */
  async onApplicationBootstrap(): Promise<void> {
    this.workerConnection = this.connect('worker');
    this.worker = new Worker<DeadlineJobData>(DEADLINE_QUEUE, (job) => this.process(job), {
      connection: this.workerConnection,
      prefix: this.env.REDIS_KEY_PREFIX,
      concurrency: this.env.DEADLINE_WORKER_CONCURRENCY,
      lockDuration: this.env.DEADLINE_JOB_LOCK_MS,
      stalledInterval: this.env.DEADLINE_STALLED_INTERVAL_MS,
      maxStalledCount: 5,
      autorun: true,
    });
    this.worker.on('error', (error) => this.logger.warn(`Deadline worker: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.error(
        `Deadline job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
      ),
    );
    void this.checkEvictionPolicy();
    this.scheduleReconcile(0);
  }

  /** Graceful shutdown: no new jobs; the active ones finish (their database is still open). */
  beforeApplicationShutdown(): Promise<void> {
    this.stopped ??= (async () => {
      this.closing = true;
      if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
      await this.reconciling;
      await this.worker?.close();
      await this.queue?.close();
    })();
    return this.stopped;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    for (const connection of [this.workerConnection, this.queueConnection]) {
      await connection?.quit().catch(() => connection.disconnect());
    }
    this.workerConnection = this.queueConnection = undefined;
  }

  /**
   * Adds the jobs these deadlines still need (called after the deadline projection committed
   * changes to them). Never throws and never holds the projection up for long: if Redis is away,
   * the reconciler re-creates the jobs later.
   */
  async scheduleFor(deadlineIds: readonly string[]): Promise<void> {
    if (deadlineIds.length === 0 || this.closing || !this.queue) return;
    const work = (async () => {
      for (let i = 0; i < deadlineIds.length; i += RECONCILE_PAGE) {
        const rows: DeadlineRow[] = await this.dataSource.query(
          `SELECT ${COLUMNS} FROM deadlines d WHERE d.deadline_id = ANY($1) AND d.status = 'open'`,
          [deadlineIds.slice(i, i + RECONCILE_PAGE)],
        );
        await this.addJobs(rows);
      }
    })().catch((error: Error) =>
      this.logger.warn(`Could not schedule deadline jobs (the reconciler will): ${error.message}`),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, SCHEDULE_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }

  /** Every open deadline, page by page → its pending jobs. Returns how many deadlines it went through. */
  async reconcile(): Promise<number> {
    let after = '';
    let seen = 0;
    for (;;) {
      const rows: DeadlineRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM deadlines d WHERE d.status = 'open' AND d.deadline_id > $1
         ORDER BY d.deadline_id LIMIT ${RECONCILE_PAGE}`,
        [after],
      );
      if (rows.length === 0) break;
      await this.addJobs(rows);
      seen += rows.length;
      after = rows[rows.length - 1].deadline_id;
      if (rows.length < RECONCILE_PAGE || this.closing) break;
    }
    return seen;
  }

  /**
   * One step of one deadline (the BullMQ processor; public for tests). Idempotent: see the class.
   */
  async handle(data: DeadlineJobData, correlationId = jobIdOf(data)): Promise<StepOutcome> {
    const { outcome, row } = await this.dataSource.transaction(async (manager) => {
      // Lock first, then read: the read's snapshot, taken after the lock, sees the steps that a
      // concurrent run of this job committed while this one waited.
      await manager.query(`SELECT 1 FROM deadlines WHERE deadline_id = $1 FOR UPDATE`, [data.deadlineId]);
      const rows: DeadlineRow[] = await manager.query(
        `SELECT ${COLUMNS}, c.case_number FROM deadlines d LEFT JOIN case_summaries c ON c.case_id = d.case_id
         WHERE d.deadline_id = $1`,
        [data.deadlineId],
      );
      const found = rows[0];
      if (!found || found.version !== data.version) return { outcome: 'skipped' as const, row: found };
      if (found.status !== 'open' || found.fired_steps.includes(data.step)) {
        return { outcome: 'skipped' as const, row: found };
      }
      await this.fire(manager, found, data.step, this.clock.now());
      return { outcome: 'fired' as const, row: found };
    });
    // The expiry event, outside the transaction: also when an earlier run committed the escalation
    // but died before appending (the decider appends nothing when the period has expired already).
    if (
      row &&
      row.kind === 'reflection-period' &&
      data.step === DUE_STEP &&
      row.version === data.version &&
      row.status === 'open' &&
      row.reference &&
      (outcome === 'fired' || row.fired_steps.includes(DUE_STEP))
    ) {
      await this.expireReflectionPeriod(row, correlationId);
    }
    return outcome;
  }

  private async fire(manager: EntityManager, row: DeadlineRow, step: string, now: Date): Promise<void> {
    const label = KIND_LABELS[row.kind] ?? `The ${row.kind} deadline`;
    const caseRef = row.case_number ?? row.case_id;
    const dueAt = row.due_at.toISOString();
    const insert = `INSERT INTO notifications
        (notification_id, recipient_organisation_id, recipient_role, kind, deadline_id, deadline_version, step, case_id,
         message, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`;
    // A missed deadline is escalated to the coordinators and stays open (overdue) until the event that
    // satisfies it comes; a reflection period's is ReflectionPeriodExpired, appended by handle() right
    // after this. A reminder goes to the organisation responsible.
    const notification =
      step === DUE_STEP
        ? {
            organisationId: null,
            role: 'coordinator',
            kind: 'escalation',
            message:
              row.kind === 'reflection-period'
                ? `${label} of case ${caseRef} ended at ${dueAt}: it has expired.`
                : `${label} of case ${caseRef} was due at ${dueAt} and has been missed.`,
          }
        : {
            organisationId: row.responsible_organisation_id,
            role: null,
            kind: 'reminder',
            message: `Reminder: ${label} of case ${caseRef} falls due at ${dueAt}.`,
          };
    await manager.query(insert, [
      randomUUID(),
      notification.organisationId,
      notification.role,
      notification.kind,
      row.deadline_id,
      row.version,
      step,
      row.case_id,
      notification.message,
      now,
    ]);
    await manager.query(
      `INSERT INTO deadline_job_steps (deadline_id, deadline_version, step, fired_at) VALUES ($1, $2, $3, $4)`,
      [row.deadline_id, row.version, step, now],
    );
  }

  private async expireReflectionPeriod(row: DeadlineRow, correlationId: string): Promise<void> {
    const periodId = row.reference!;
    const expiredAt = row.due_at.toISOString();
    await this.commands.run(
      expireReflectionPeriod,
      { caseId: row.case_id, periodId, expiredAt },
      { actor: SYSTEM_ACTOR, correlationId },
    );
  }

  private async process(job: Job<DeadlineJobData>): Promise<StepOutcome> {
    return this.handle(job.data, job.id ?? jobIdOf(job.data));
  }

  private async addJobs(rows: readonly DeadlineRow[]): Promise<void> {
    if (!this.queue || rows.length === 0) return;
    const now = this.clock.now().getTime();
    const jobs = rows.flatMap((row) =>
      plannedSteps(toSchedulable(row), this.reminderHours, now).map(({ step, at }) => {
        const data: DeadlineJobData = { deadlineId: row.deadline_id, version: row.version, step };
        return { name: step, data, opts: { jobId: jobIdOf(data), delay: Math.max(0, at - now) } };
      }),
    );
    if (jobs.length === 0) return;
    await this.queue.addBulk(jobs);
    await Promise.all(jobs.filter((job) => job.opts.delay === 0).map((job) => this.promoteIfDelayed(job.opts.jobId)));
  }

  /**
   * The clock, not Redis' timer, says when a step is due: a job planned while its step lay ahead
   * waits out the delay it was given then, so once the clock has reached the step (a corrected system
   * clock, a test clock moved on) the job runs now.
   */
  private async promoteIfDelayed(jobId: string): Promise<void> {
    const job = await this.queue!.getJob(jobId);
    // It may have left the delayed set meanwhile: then it is running or done already.
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
  }

  private scheduleReconcile(delayMs: number): void {
    if (this.closing) return;
    this.reconcileTimer = setTimeout(() => {
      this.reconciling = this.reconcile()
        .catch((error: Error) => this.logger.warn(`Deadline reconciler: ${error.message}`))
        .finally(() => this.scheduleReconcile(this.env.DEADLINE_RECONCILE_INTERVAL_MS));
    }, delayMs);
    this.reconcileTimer.unref();
  }

  /** BullMQ needs every key kept: an evicted job is a deadline that silently never fires. */
  private async checkEvictionPolicy(): Promise<void> {
    try {
      const reply = (await this.queueConnection!.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply?.[1];
      if (policy !== undefined && policy !== 'noeviction') {
        this.logger.warn(
          `Redis maxmemory-policy is '${policy}', not 'noeviction': Redis may evict deadline jobs under memory ` +
            `pressure (the reconciler re-creates them, but late). Set maxmemory-policy noeviction.`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `Could not read Redis maxmemory-policy (CONFIG disabled?): ${(error as Error).message}. ` +
          `Make sure it is 'noeviction'.`,
      );
    }
  }

  private connect(role: string): Redis {
    const connection = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
    connection.on('error', (error: Error) => this.logger.warn(`Redis (deadline ${role}): ${error.message}`));
    return connection;
  }
}
