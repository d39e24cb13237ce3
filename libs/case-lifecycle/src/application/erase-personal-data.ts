import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
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
 * Erasure by legal order (crypto-shredding): first PersonalDataErased is appended (the projections
 * erase the read models on it), then the keys are destroyed — the person's, and the case's (under
 * which the case's free-text notes are encrypted) — which makes the personal data of every event
 * about them unreadable, now and in any rebuild. If the process dies in between, a
 * retry appends nothing (the case is already erased) and destroys the key: the retry finishes the job.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(PERSONAL_DATA_ERASER) private readonly eraser: PersonalDataEraser,
  ) {}

  async execute({ caseId, details, context }: ErasePersonalDataCommand): Promise<CaseCommandResult> {
    let personId: string | undefined;
    const result = await this.cases.run(caseId, context, caseLifecycleDecider, (state, now): ErasePersonalData => {
      assertVisible(state, caseId, context.actor);
      personId = state.personId;
      return { type: 'ErasePersonalData', ...details, actor: context.actor, now };
    });
    if (personId !== undefined) {
      await this.eraser.erase(personId);
      await this.eraser.erase(caseId);
    }
    return result;
  }
}
