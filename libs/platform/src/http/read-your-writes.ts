import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@nrm/event-store';
import { ProjectionProgress } from '@nrm/projections';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';

export const CAUGHT_UP_HEADER = 'X-Read-Model-Caught-Up';

/** Waits, for a read given `minPosition`, until the projections it reads from include that event. */
@Injectable()
export class ReadYourWrites implements OnApplicationShutdown {
  private readonly progress: ProjectionProgress;

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly env: Environment,
  ) {
    this.progress = new ProjectionProgress(dataSource, store);
  }

  async waitFor(projections: readonly string[], minPosition: string | undefined, response: Response): Promise<void> {
    if (minPosition === undefined) return;
    const position = BigInt(minPosition);
    // Positions start at 1: there is no event at 0 to wait for, every read model has reached it.
    const caughtUp =
      position === 0n || (await this.progress.waitFor(projections, position, this.env.READ_WAIT_TIMEOUT_MS));
    response.setHeader(CAUGHT_UP_HEADER, String(caughtUp));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.progress.close();
  }
}
