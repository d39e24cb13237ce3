import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import { UNIT_OF_WORK, type UnitOfWork } from '@nrm/event-store';
import { PersonBlindIndex } from '@nrm/person-matching';
import { PERSONAL_DATA_ERASER, type PersonalDataEraser } from '@nrm/platform/personal-data';
import { caseLifecycleDecider, type ErasePersonalData } from '../domain/case-lifecycle.decider';

export class ErasePersonalDataCommand {
  constructor(
    readonly caseId: string,
    readonly details: Omit<ErasePersonalData, 'type' | 'actor' | 'now'>,
    readonly context: CaseCommandContext,
  ) {}
}

/**
 * Erasure by legal order (crypto-shredding): PersonalDataErased is appended (the projections erase
 * the read models on it) and the keys are destroyed — the person's, and the case's (under which the
 * case's free-text notes are encrypted) — which makes the personal data of every event about them
 * unreadable, now and in any rebuild. The case's blind-index entries go too (it never matches a
 * new case again).
 *
 * With PostgreSQL both happen in one transaction (the unit of work): the erasure is recorded and the
 * keys are gone, or neither. With EventStoreDB the append comes first and the keys are destroyed
 * after it; destroying is idempotent, and a retry (same Idempotency-Key: the append is found by its
 * event ids; or none: the case is already erased and nothing is appended) destroys them again, so
 * a retry finishes the job and never appends twice.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(PERSONAL_DATA_ERASER) private readonly eraser: PersonalDataEraser,
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    private readonly personIndex: PersonBlindIndex,
  ) {}

  execute({ caseId, details, context }: ErasePersonalDataCommand): Promise<CaseCommandResult> {
    return this.unitOfWork.run(async () => {
      let personId: string | undefined;
      const result = await this.cases.run(caseId, context, caseLifecycleDecider, (state, now): ErasePersonalData => {
        assertVisible(state, caseId, context.actor);
        personId = state.personId;
        return { type: 'ErasePersonalData', ...details, actor: context.actor, now };
      });
      if (personId !== undefined) {
        await this.eraser.erase(personId);
        await this.eraser.erase(caseId);
        await this.personIndex.forgetCase(caseId);
      }
      return result;
    });
  }
}
