import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommandContext, CaseCommands } from '@nrm/case/application/case-commands';
import type { OpenCase } from '../domain/identification.decider';
import { identificationDecider } from './identification-decider';
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
    const result = await this.cases.run(
      caseId,
      { ...context, newStream: true },
      identificationDecider,
      (_state, now): OpenCase => ({
        type: 'OpenCase',
        ...details,
        caseId,
        caseNumber,
        personId: randomUUID(),
        actor: context.actor,
        now,
      }),
    );
    return { caseId, caseNumber, revision: result.revision, position: result.position as string };
  }
}
