import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { OpenCase } from '../domain/case.decider';
import { type CaseCommandContext, CaseCommands } from './case-commands';

export class OpenCaseCommand {
  constructor(
    readonly details: Omit<OpenCase, 'type' | 'caseId' | 'caseNumber' | 'personId' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

export interface OpenCaseResult {
  caseId: string;
  caseNumber: string;
  revision: number;
  position: string;
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenCaseResult> {
  constructor(
    private readonly cases: CaseCommands,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ details, context }: OpenCaseCommand): Promise<OpenCaseResult> {
    const caseId = randomUUID();
    const caseNumber = await this.nextCaseNumber(this.cases.now());
    const result = await this.cases.run(caseId, context, (_state, now) => ({
      type: 'OpenCase',
      ...details,
      caseId,
      caseNumber,
      personId: randomUUID(),
      actor: context.actor,
      now,
    }));
    return { caseId, caseNumber, revision: result.revision, position: result.position as string };
  }

  /** NRM-<year>-<serial>: short enough to read over the phone; a gap after a refused command is harmless. */
  private async nextCaseNumber(now: Date): Promise<string> {
    const [{ serial }]: { serial: string }[] = await this.dataSource.query(`SELECT nextval('case_number_seq') AS serial`);
    return `NRM-${now.getUTCFullYear()}-${serial.padStart(6, '0')}`;
  }
}
