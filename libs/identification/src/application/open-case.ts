import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventCodec, type EventStore, handleCommand } from '@nrm/event-store';
import { CLOCK } from '@nrm/platform/clock';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { DataSource } from 'typeorm';
import { createCaseDecider, type OpenCase } from '../domain/case.decider';
import { currentIndicatorCatalogue } from '../domain/indicator-catalogue/indicator-catalogue';
import { caseStreamName } from '../read-models/case-streams';

export class OpenCaseCommand {
  constructor(
    readonly details: Omit<OpenCase, 'type' | 'caseId' | 'caseNumber' | 'personId' | 'actor' | 'now'>,
    readonly actor: Actor,
    readonly correlationId: string,
  ) {}
}

export interface OpenCaseResult {
  caseId: string;
  caseNumber: string;
  revision: number;
  position: string;
}

const caseDecider = createCaseDecider(currentIndicatorCatalogue);

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenCaseResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ details, actor, correlationId }: OpenCaseCommand): Promise<OpenCaseResult> {
    const now = this.clock.now();
    const caseId = randomUUID();
    const caseNumber = await this.nextCaseNumber(now);
    const result = await handleCommand(
      this.store,
      this.codec,
      caseDecider,
      caseStreamName(caseId),
      { type: 'OpenCase', ...details, caseId, caseNumber, personId: randomUUID(), actor, now },
      { actor, correlationId, now },
    );
    return {
      caseId,
      caseNumber,
      revision: Number(result.revision),
      position: String(result.lastGlobalPosition),
    };
  }

  /** NRM-<year>-<serial>: short enough to read over the phone; gaps after a refused command are harmless. */
  private async nextCaseNumber(now: Date): Promise<string> {
    const [{ serial }]: { serial: string }[] = await this.dataSource.query(
      `SELECT nextval('case_number_seq') AS serial`,
    );
    return `NRM-${now.getUTCFullYear()}-${serial.padStart(6, '0')}`;
  }
}
