import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommandContext, CaseCommands } from '@nrm/case/application/case-commands';
import { commandDerivedId } from '@nrm/event-store';
import { PersonBlindIndex } from '@nrm/person-matching';
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
    private readonly personIndex: PersonBlindIndex,
  ) {}

  async execute({ details, context }: OpenCaseCommand): Promise<OpenCaseResult> {
    // With an Idempotency-Key the ids derive from it: a retry addresses the same case and, if an
    // earlier attempt opened it, answers with that case (and its number).
    const caseId = commandDerivedId('case');
    let caseNumber = await this.caseNumbers.allocate(this.cases.now());
    let personId = commandDerivedId('person');
    const person = { ...details.person, identifiedAt: details.identification.identifiedAt };
    await this.personIndex.lockPerson(person);
    const result = await this.cases.run(
      caseId,
      { ...context, newStream: true },
      identificationDecider,
      (state, now): OpenCase => {
        if (state.exists) ({ caseNumber, personId } = state);
        return {
          type: 'OpenCase',
          ...details,
          caseId,
          caseNumber,
          personId,
          actor: context.actor,
          now,
        };
      },
    );
    // In the opening's unit of work: the plaintext is at hand only here, before encryption.
    await this.personIndex.recordOpenedCase({ caseId, caseNumber, personId, person });
    return { caseId, caseNumber, revision: result.revision, position: result.position as string };
  }
}
