import {
  Controller,
  Get,
  Header,
  Inject,
  Injectable,
  Logger,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnApplicationShutdown,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEADLINE_QUEUE } from '@nrm/deadlines';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '@nrm/event-store';
import { projectionStates } from '@nrm/projections';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public, Environment, REDIS } from '@nrm/platform';

/** How far behind a projection is counted at most (a scrape must stay cheap however far behind). */
const LAG_COUNT_LIMIT = 10_000;
/** A scrape never waits longer than this for Redis or the database. */
const COLLECT_TIMEOUT_MS = 1_000;

/**
 * GET /metrics (Prometheus text format): command latency by route and outcome, projection lag
 * (events and seconds), stopped projections, deadline jobs waiting/active/failed, idempotency keys
 * still in progress. Gauges are read at scrape time from PostgreSQL, the event store and Redis,
 * so any API instance answers for the whole deployment.
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly commandSeconds = new Histogram({
    name: 'nrm_command_duration_seconds',
    help: 'Time from request to response of commands (POST, PUT, PATCH, DELETE), by route and outcome',
    labelNames: ['method', 'route', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly scrapeFailures = new Counter({
    name: 'nrm_metrics_collect_failures_total',
    help: 'Gauges that could not be read at a scrape (their source did not answer in time), by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  private deadlineQueue?: Queue;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly env: Environment,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.gauge(
      {
        name: 'nrm_projection_lag_events',
        help: `Events appended but not yet applied, per projection (counted up to ${LAG_COUNT_LIMIT})`,
        labelNames: ['projection'],
      },
      (gauge) => this.collectLag(gauge, 'events'),
    );
    this.gauge(
      {
        name: 'nrm_projection_lag_seconds',
        help: 'Age of the oldest event a projection has not applied yet (0 when caught up)',
        labelNames: ['projection'],
      },
      (gauge) => this.collectLag(gauge, 'seconds'),
    );
    this.gauge(
      {
        name: 'nrm_projection_stopped',
        help: '1 when a projection stopped on an event it cannot apply (see GET /health and npm run projections)',
        labelNames: ['projection'],
      },
      async (gauge) => {
        for (const state of await this.guarded('database', () => this.states(), [])) {
          gauge.set({ projection: state.projection }, state.stopped ? 1 : 0);
        }
      },
    );
    this.gauge(
      {
        name: 'nrm_deadline_jobs',
        help: 'Deadline jobs in the BullMQ queue by state (waiting, delayed, active, failed)',
        labelNames: ['state'],
      },
      async (gauge) => {
        const counts = await this.guarded('redis', () => this.queue().getJobCounts(), null);
        if (!counts) return;
        for (const state of ['waiting', 'delayed', 'active', 'failed']) gauge.set({ state }, counts[state] ?? 0);
      },
    );
    this.gauge(
      {
        name: 'nrm_idempotency_keys_in_progress',
        help: 'Idempotency keys claimed whose command has not answered yet',
      },
      async (gauge) => {
        const rows = await this.guarded(
          'database',
          () => this.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE status_code IS NULL`),
          null,
        );
        if (rows) gauge.set(rows[0].n);
      },
    );
  }

  /** A gauge of this registry, emptied at every scrape and then set again by `collect`. */
  private gauge(
    configuration: { name: string; help: string; labelNames?: string[] },
    collect: (gauge: Gauge) => Promise<void>,
  ): void {
    const gauge: Gauge = new Gauge({
      ...configuration,
      registers: [this.registry],
      collect: async () => {
        gauge.reset();
        await collect(gauge);
      },
    });
  }

  observeCommand(method: string, route: string, status: number, seconds: number): void {
    const outcome = status < 400 ? 'success' : status < 500 ? 'refused' : 'error';
    this.commandSeconds.observe({ method, route, outcome }, seconds);
  }

  authorize(authorization: string | undefined): void {
    const token = this.env.METRICS_TOKEN;
    if (!token) return;
    const given = Buffer.from(authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException('GET /metrics needs the metrics token (METRICS_TOKEN)');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection is shared (RedisModule closes it); close() alone can wait on a Redis that is gone.
    void this.deadlineQueue?.close().catch(() => undefined);
  }

  private queue(): Queue {
    this.deadlineQueue ??= new Queue(DEADLINE_QUEUE, { connection: this.redis, prefix: this.env.REDIS_KEY_PREFIX });
    return this.deadlineQueue;
  }

  private states() {
    return projectionStates((sql, parameters) => this.dataSource.query(sql, parameters));
  }

  /** Both lag gauges read the same events; one read per distinct checkpoint per scrape. */
  private lagOfScrape?: Promise<Map<string, { events: number; seconds: number }>>;

  private async collectLag(gauge: Gauge, unit: 'events' | 'seconds'): Promise<void> {
    if (!this.lagOfScrape) {
      this.lagOfScrape = this.guarded('database', () => this.lag(), new Map());
      void this.lagOfScrape.finally(() => setImmediate(() => (this.lagOfScrape = undefined)));
    }
    for (const [projection, lag] of await this.lagOfScrape) gauge.set({ projection }, lag[unit]);
  }

  private async lag(): Promise<Map<string, { events: number; seconds: number }>> {
    const byCheckpoint = new Map<string, Promise<{ events: number; seconds: number }>>();
    const lagAfter = async (checkpoint: GlobalPosition | null) => {
      const behind = await this.store.readAll({ after: checkpoint, maxCount: LAG_COUNT_LIMIT });
      return {
        events: behind.length,
        seconds: behind.length === 0 ? 0 : Math.max(0, (Date.now() - behind[0].recordedAt.getTime()) / 1000),
      };
    };
    const result = new Map<string, { events: number; seconds: number }>();
    for (const state of await this.states()) {
      const key = state.position ?? 'start';
      if (!byCheckpoint.has(key))
        byCheckpoint.set(key, lagAfter(state.position === null ? null : BigInt(state.position)));
      result.set(state.projection, await byCheckpoint.get(key)!);
    }
    return result;
  }

  private async guarded<T>(source: string, read: () => Promise<T>, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${source} did not answer within ${COLLECT_TIMEOUT_MS} ms`)),
            COLLECT_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.scrapeFailures.inc({ source });
      this.logger.warn(`metrics: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Prometheus text format: nrm_command_duration_seconds (by method, route, outcome), nrm_projection_lag_events, ' +
      'nrm_projection_lag_seconds, nrm_projection_stopped, nrm_deadline_jobs (by state), ' +
      'nrm_idempotency_keys_in_progress, and the Node.js process. Open unless METRICS_TOKEN is set (then Bearer).',
  })
  async scrape(@Req() request: Request): Promise<string> {
    this.metrics.authorize(request.headers.authorization);
    request.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

@Module({ controllers: [MetricsController], providers: [Metrics], exports: [Metrics] })
export class MetricsModule implements NestModule {
  constructor(private readonly metrics: Metrics) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((request: Request, response: Response, next: NextFunction) => {
        if (!COMMAND_METHODS.has(request.method)) return next();
        const started = process.hrtime.bigint();
        response.once('finish', () => {
          // The route's pattern (e.g. /cases/:id/consent), never the path: ids would make a series each.
          const route = request.route ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          this.metrics.observeCommand(request.method, route, response.statusCode, seconds);
        });
        next();
      })
      .forRoutes('*');
  }
}
