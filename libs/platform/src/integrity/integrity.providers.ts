import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@nrm/event-store';
import type { Clock } from '@nrm/shared-kernel';
import { DataSource } from 'typeorm';
import { CLOCK } from '../clock';
import { Environment } from '../config/environment';
import { integrityAnchorKey, StoreIntegrity } from './store-integrity';

export const storeIntegrityProvider: Provider = {
  provide: StoreIntegrity,
  inject: [EVENT_STORE, DataSource, Environment, CLOCK],
  useFactory: (store: EventStore, dataSource: DataSource, env: Environment, clock: Clock) =>
    new StoreIntegrity(store, (sql, parameters) => dataSource.query(sql, parameters), integrityAnchorKey(env), clock),
};

/** How often the worker asks whether an anchor is due; the clock and the interval decide. */
const ANCHOR_CHECK_MS = 60_000;

/**
 * The worker's periodic anchor of every stream's head (INTEGRITY_ANCHOR_INTERVAL_MINUTES, by the
 * injected clock): at start when none is recent enough, then whenever the latest is that old.
 * Several workers may anchor at about the same moment; an extra anchor does no harm.
 */
@Injectable()
export class IntegrityAnchorJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntegrityAnchors');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly integrity: StoreIntegrity,
    @Inject(Environment) private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.INTEGRITY_ANCHOR_KEY && this.env.NODE_ENV !== 'test') {
      this.logger.warn('INTEGRITY_ANCHOR_KEY is unset: anchors are signed with the development key and prove nothing');
    }
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    this.running = this.integrity
      .anchorIfDue(this.env.INTEGRITY_ANCHOR_INTERVAL_MINUTES)
      .then((anchor) => {
        if (anchor) this.logger.log({ anchor }, `anchored ${anchor.streams} stream heads`);
      })
      .catch((error: Error) => this.logger.warn(`Integrity anchor: ${error.message}`));
    this.timer = setTimeout(() => this.tick(), ANCHOR_CHECK_MS);
    this.timer.unref();
  }
}
