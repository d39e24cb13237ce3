import { CaseCommands } from '../../application/case-commands';
import { commandDerivedId } from '@nrm/event-store';
import type { CommandContext, CommandServices } from '@nrm/platform';
import { createIdentificationDecider, type OpenCase } from './identification.decider';
import { currentIndicatorCatalogue } from './indicator-catalogue/indicator-catalogue';
import { PERSON_INDEX, type PersonIndex } from './person-index';
import { CaseNumbers } from './case-numbers';

/** The decider of identification commands, with the catalogue new cases are identified with. */
export const identificationDecider = createIdentificationDecider(currentIndicatorCatalogue);

export interface OpenCaseResult {
  caseId: string;
  caseNumber: string;
  revision: number;
  position: string;
}

/** Opens a case under a new id and case number, with what the first responder recorded. */
export async function openCase(
  { body: details }: { body: Omit<OpenCase, 'type' | 'caseId' | 'caseNumber' | 'personId' | 'actor' | 'now'> },
  context: CommandContext,
  services: CommandServices,
): Promise<OpenCaseResult> {
  const cases = services(CaseCommands);
  const personIndex = services<PersonIndex>(PERSON_INDEX);
  // With an Idempotency-Key the ids derive from it: a retry addresses the same case and, if an
  // earlier attempt opened it, answers with that case (and its number).
  const caseId = commandDerivedId('case');
  let caseNumber = await services(CaseNumbers).allocate(cases.now());
  let personId = commandDerivedId('person');
  const person = { ...details.person, identifiedAt: details.identification.identifiedAt };
  await personIndex.lockPerson(person);
  const result = await cases.run(
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
  await personIndex.recordOpenedCase({ caseId, caseNumber, personId, person });
  return { caseId, caseNumber, revision: result.revision, position: result.position as string };
}
