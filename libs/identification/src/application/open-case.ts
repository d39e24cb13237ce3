import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommandContext, CaseCommands } from '@nrm/case/application/case-commands';
import { commandDerivedId } from '@nrm/event-store';
import type { OpenCase } from '@nrm/case/tracks/identification/identification.decider';
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
    // With an Idempotency-Key the ids derive from it: a retry addresses the same case and, if an
    // earlier attempt opened it, answers with that case (and its number).
    const caseId = commandDerivedId('case');
    let caseNumber = await this.caseNumbers.allocate(this.cases.now());
    const result = await this.cases.run(
      caseId,
      { ...context, newStream: true },
      identificationDecider,
      (state, now): OpenCase => {
        if (state.exists) caseNumber = state.caseNumber;
        return {
          type: 'OpenCase',
          ...details,
          caseId,
          caseNumber,
          personId: commandDerivedId('person'),
          actor: context.actor,
          now,
        };
      },
    );
    return { caseId, caseNumber, revision: result.revision, position: result.position as string };
  }
}
