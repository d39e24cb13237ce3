import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { Environment } from './config/environment';

const HOOKS = ['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'] as const;

/**
 * Graceful shutdown with a bound (instead of Nest's enableShutdownHooks): on SIGTERM or SIGINT the
 * application closes (in-flight requests, the projections' batch in hand and active deadline jobs
 * finish, connections close) and the process exits 0; if that takes longer than
 * SHUTDOWN_TIMEOUT_MS, whatever a dependency does (Redis or PostgreSQL gone), it logs what did not
 * finish and exits 1.
 */
export function enableBoundedShutdown(app: INestApplicationContext, logger: LoggerService, server?: Server): void {
  const timeoutMs = app.get(Environment).SHUTDOWN_TIMEOUT_MS;
  const pending = trackShutdownHooks(app);
  let shuttingDown = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal}: shutting down (at most ${timeoutMs} ms)`, 'Shutdown');
    if (server?.listening) {
      pending.add('HTTP server (in-flight requests)');
      server.once('close', () => pending.delete('HTTP server (in-flight requests)'));
      // Idle keep-alive connections would hold close() up; requests in flight still finish.
      server.closeIdleConnections();
    }
    const timer = setTimeout(() => {
      logger.error(
        `shutdown did not finish within ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting with code 1. ` +
          `Not finished: ${[...pending].join(', ') || 'nothing known'}`,
        'Shutdown',
      );
      process.exit(1);
    }, timeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        process.exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

/**
 * Wraps every provider's and module's shutdown hooks so that, at the bound, the log can name the
 * ones still running (e.g. "DeadlineJobs.beforeApplicationShutdown"). Reads Nest's module
 * container, which Nest does not expose as API: if its shape changes, nothing is named, nothing breaks.
 */
function trackShutdownHooks(app: INestApplicationContext): Set<string> {
  const pending = new Set<string>();
  const container = (app as unknown as { container?: { getModules?(): Map<unknown, ModuleLike> } }).container;
  for (const module of container?.getModules?.().values() ?? []) {
    for (const wrapper of module.providers?.values() ?? []) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const hook of HOOKS) {
        const original = instance[hook];
        if (typeof original !== 'function') continue;
        const name = `${instance.constructor.name}.${hook}`;
        instance[hook] = (...args: unknown[]) => {
          pending.add(name);
          return Promise.resolve(original.apply(instance, args)).finally(() => pending.delete(name));
        };
      }
    }
  }
  return pending;
}

interface ModuleLike {
  providers?: Map<unknown, { instance?: unknown }>;
}
