import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OpenCase } from '../domain/case.decider';
import { type CaseCommandContext, CaseCommands } from './case-commands';
import { CaseNumbers } from './case-numbers';

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
    private readonly caseNumbers: CaseNumbers,
  ) {}

  async execute({ details, context }: OpenCaseCommand): Promise<OpenCaseResult> {
    const caseId = randomUUID();
    const caseNumber = await this.caseNumbers.allocate(this.cases.now());
    const result = await this.cases.run(caseId, { ...context, newStream: true }, (_state, now) => ({
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
}
