import { assertVisible, type CaseCommandResult, CaseCommands } from '../../application/case-commands';
import type { RequestedCommand } from '../../application/case-command';
import { UNIT_OF_WORK, type UnitOfWork } from '@nrm/event-store';
import {
  type CommandContext,
  type CommandServices,
  PERSONAL_DATA_ERASER,
  type PersonalDataEraser,
} from '@nrm/platform';
import { CASE_PLACEMENTS, type CasePlacements } from './case-placements';
import { PERSON_INDEX, type PersonIndex } from '../identification/person-index';
import { caseLifecycleDecider, type CloseCase, type ErasePersonalData } from './case-lifecycle.decider';

/**
 * A closure acts on the case's placements too (a closed case holds no bed and has no request
 * pending, DESIGN §3.7). There is no transaction over the case's and the shelters' streams, so:
 * every refusal of the closure is given first, with nothing written; then the open placements are
 * ended on their shelters' streams (where an accept racing the closure is settled); then the case
 * is closed; then a request that landed meanwhile is ended too. Should the process stop half-way,
 * the case is still open with its placements ended (the closure is simply repeated), or closed with
 * a late request left (which an accept refuses: the case is closed).
 */
export function closeCase(
  { id: caseId, body }: { id: string; body: Omit<RequestedCommand<CloseCase>, 'type'> },
  context: CommandContext,
  services: CommandServices,
): Promise<CaseCommandResult> {
  const cases = services(CaseCommands);
  const command: RequestedCommand<CloseCase> = { type: 'CloseCase', ...body };
  return closeAround(caseId, context, services, {
    check: () => cases.assertWouldDecide(caseId, context, caseLifecycleDecider, command),
    append: () => cases.runOnVisibleCase(caseId, context, caseLifecycleDecider, command),
  });
}

/** The closure's order (above), for a closure asked directly and one whose approval is granted. */
export async function closeAround(
  caseId: string,
  context: CommandContext,
  services: CommandServices,
  closure: { check(): Promise<void>; append(): Promise<CaseCommandResult> },
): Promise<CaseCommandResult> {
  const placements = services<CasePlacements>(CASE_PLACEMENTS);
  await closure.check();
  await placements.endPlacementsOf(caseId, context);
  const closed = await closure.append();
  const late = await placements.endPlacementsOf(caseId, context);
  return late === null ? closed : { ...closed, position: late };
}

/**
 * Erasure by legal order (crypto-shredding): PersonalDataErased is appended (the projections erase
 * the read models on it) and the keys are destroyed — the person's, and the case's (under which the
 * case's free-text notes are encrypted) — which makes the personal data of every event about them
 * unreadable, now and in any rebuild.
 *
 * With PostgreSQL both happen in one transaction (the unit of work): the erasure is recorded and the
 * keys are gone, or neither. With EventStoreDB the append comes first and the keys are destroyed
 * after it; destroying is idempotent, and a retry (same Idempotency-Key: the append is found by its
 * event ids; or none: the case is already erased and nothing is appended) destroys them again, so
 * a retry finishes the job and never appends twice.
 */
export function erasePersonalData(
  { id: caseId, body }: { id: string; body: Omit<ErasePersonalData, 'type' | 'actor' | 'now'> },
  context: CommandContext,
  services: CommandServices,
): Promise<CaseCommandResult> {
  const eraser = services<PersonalDataEraser>(PERSONAL_DATA_ERASER);
  return services<UnitOfWork>(UNIT_OF_WORK).run(async () => {
    let personId: string | undefined;
    const result = await services(CaseCommands).run(
      caseId,
      context,
      caseLifecycleDecider,
      (state, now): ErasePersonalData => {
        assertVisible(state, caseId, context.actor);
        personId = state.personId;
        return {
          type: 'ErasePersonalData',
          ...(body.legalBasis ? { legalBasis: { ...body.legalBasis } } : {}),
          actor: context.actor,
          now,
        };
      },
    );
    if (personId !== undefined) {
      await eraser.erase(personId);
      await eraser.erase(caseId);
      await services<PersonIndex>(PERSON_INDEX).forgetCase(caseId);
    }
    return result;
  });
}
