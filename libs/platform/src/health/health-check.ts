import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@nrm/event-store';
import { projectionStates, type StoppedProjection } from '@nrm/projections';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis.module';

const PROBE_TIMEOUT_MS = 2_000;

type Indicator = { status: 'up' } | { status: 'down'; message: string; stopped?: StoppedProjection[] };

export interface HealthReport {
  /** ok; degraded: a projection stopped (reads it feeds are stale), the API serves; error: a dependency is down (503). */
  status: 'ok' | 'degraded' | 'error';
  /** What is wrong, by name: "PostgreSQL", "Redis", "event store", "projection case-summaries". */
  failing: string[];
  info: Record<string, Indicator>;
  error: Record<string, Indicator>;
  details: Record<string, Indicator>;
}

/** Probes PostgreSQL, Redis, the event store and the projections (GET /health). */
@Injectable()
export class HealthCheck {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, redis, eventStore] = await Promise.all([
      probe(async () => void (await this.dataSource.query('SELECT 1'))),
      probe(async () => void (await this.redis.ping())),
      probe(() => this.store.ping()),
    ]);
    const details: Record<string, Indicator> = { database, redis, eventStore };
    const failing = [
      ...(database.status === 'down' ? ['PostgreSQL'] : []),
      ...(redis.status === 'down' ? ['Redis'] : []),
      ...(eventStore.status === 'down' ? ['event store'] : []),
    ];
    const dependencyDown = failing.length > 0;
    if (database.status === 'up') {
      const stopped = await this.stoppedProjections();
      details.projections =
        stopped.length === 0
          ? { status: 'up' }
          : {
              status: 'down',
              message: stopped
                .map((stop) => `${stop.projection} stopped at ${stop.position}: ${stop.error}`)
                .join('; '),
              stopped,
            };
      failing.push(...stopped.map((stop) => `projection ${stop.projection}`));
    }
    const pick = (status: Indicator['status']) =>
      Object.fromEntries(Object.entries(details).filter(([, indicator]) => indicator.status === status));
    return {
      status: dependencyDown ? 'error' : failing.length > 0 ? 'degraded' : 'ok',
      failing,
      info: pick('up'),
      error: pick('down'),
      details,
    };
  }

  private async stoppedProjections(): Promise<StoppedProjection[]> {
    const states = await projectionStates((sql, parameters) => this.dataSource.query(sql, parameters));
    return states.flatMap((state) => (state.stopped ? [state.stopped] : []));
  }
}

async function probe(ping: () => Promise<void>): Promise<Indicator> {
  try {
    await withTimeout(ping(), PROBE_TIMEOUT_MS);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', message: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
