import { assertOpenCase } from '../../domain/case-rules';
import { caseTrackDecider, type CaseState } from '../case-state';
import {
  type CaseClosed,
  type CaseReopened,
  type CaseTransferred,
  type ClosureReason,
  ERASURE_AUTHORITIES,
  type ErasureLegalBasis,
  type PersonalDataErased,
} from './case-lifecycle.events';
import { type Actor, DomainRuleViolation, latestCalendarDay, type OrganisationType } from '@nrm/shared-kernel';

export interface CloseCase {
  type: 'CloseCase';
  reason: Exclude<ClosureReason, 'other'>;
  note?: string;
  actor: Actor;
  now: Date;
}

export interface ReopenCase {
  type: 'ReopenCase';
  reason: string;
  actor: Actor;
  now: Date;
}

export interface TransferCase {
  type: 'TransferCase';
  toOrganisationId: string;
  toOrganisationType: OrganisationType;
  reason: string;
  actor: Actor;
  now: Date;
}

export interface ErasePersonalData {
  type: 'ErasePersonalData';
  /** The prosecutor's or court's decision ordering the erasure; undefined when none was given. */
  legalBasis?: ErasureLegalBasis;
  actor: Actor;
  now: Date;
}

export type CaseLifecycleCommand = CloseCase | ReopenCase | TransferCase | ErasePersonalData;

/**
 * The rules of the case lifecycle (DESIGN §3.7 and the cross-cutting transfer), all in one place:
 *
 * - close:    the case exists and is open ('case-exists', 'case-not-closed', 409);
 *             'status-refused' only once victim status was refused ('closure-status-refused-needs-refusal', 409).
 *             The closure also ends the case's open placements on their shelters' streams (requests pending,
 *             beds held, stays): see libs/shelter placement-closure.ts.
 * - reopen:   the case exists and is closed ('case-exists', 'case-is-closed', 409); it goes back to
 *             the stage it was closed in. Reopen is the one command a closed case accepts.
 * - transfer: the case exists and is open (409 as above); the receiver is another organisation than
 *             the owner ('transfer-to-another-organisation', 422). The receiver owns the case from then
 *             on: the old organisation no longer sees it.
 * - erase personal data: the case exists ('case-exists', 409) and the order names its legal basis,
 *             a prosecutor's or court's decision with its number and a date that is not in the future
 *             ('erasure-needs-legal-basis', 422, field legalBasis). Allowed on a closed case too: it
 *             is a legal order to stop processing the person's data, and a closed case still holds
 *             it. A second erasure of the same person decides nothing (harmless; the application
 *             still makes sure the key is gone).
 */
export const caseLifecycleDecider = caseTrackDecider<CaseLifecycleCommand>({
  CloseCase: closeCase,
  ReopenCase: reopenCase,
  TransferCase: transferCase,
  ErasePersonalData: erasePersonalData,
});

function closeCase(command: CloseCase, state: CaseState): CaseClosed {
  assertOpenCase(state);
  if (command.reason === 'status-refused' && state.status !== 'not-a-victim') {
    throw new DomainRuleViolation(
      'closure-status-refused-needs-refusal',
      "reason 'status-refused' needs a refused victim status: the case's status is " + state.status,
      'conflict',
      'reason',
    );
  }
  // assertOpenCase leaves only open stages.
  const stageBeforeClosure = state.stage as CaseClosed['data']['stageBeforeClosure'];
  return {
    type: 'CaseClosed',
    data: {
      caseId: state.caseId,
      personId: state.personId,
      reason: command.reason,
      ...(command.note === undefined ? {} : { note: command.note }),
      stageBeforeClosure,
      closedAt: command.now.toISOString(),
    },
  };
}

function reopenCase(command: ReopenCase, state: CaseState): CaseReopened {
  if (!state.exists) throw new DomainRuleViolation('case-exists', 'There is no such case', 'conflict');
  if (state.stage !== 'closed' || state.lifecycle.closure === null) {
    throw new DomainRuleViolation(
      'case-is-closed',
      'The case is not closed: only a closed case can be reopened',
      'conflict',
    );
  }
  return {
    type: 'CaseReopened',
    data: {
      caseId: state.caseId,
      personId: state.personId,
      reason: command.reason,
      stage: state.lifecycle.closure.stageBeforeClosure,
      reopenedAt: command.now.toISOString(),
    },
  };
}

function transferCase(command: TransferCase, state: CaseState): CaseTransferred {
  assertOpenCase(state);
  if (command.toOrganisationId === state.organisationId) {
    throw new DomainRuleViolation(
      'transfer-to-another-organisation',
      `toOrganisationId: the case already belongs to ${state.organisationId}`,
      'unprocessable',
      'toOrganisationId',
    );
  }
  return {
    type: 'CaseTransferred',
    data: {
      caseId: state.caseId,
      personId: state.personId,
      fromOrganisationId: state.organisationId,
      toOrganisationId: command.toOrganisationId,
      toOrganisationType: command.toOrganisationType,
      reason: command.reason,
      transferredAt: command.now.toISOString(),
    },
  };
}

function erasePersonalData(command: ErasePersonalData, state: CaseState): PersonalDataErased[] {
  if (!state.exists) throw new DomainRuleViolation('case-exists', 'There is no such case', 'conflict');
  const basis = command.legalBasis;
  const problem = legalBasisProblem(basis, command.now);
  if (problem !== null) {
    throw new DomainRuleViolation('erasure-needs-legal-basis', problem, 'unprocessable', 'legalBasis');
  }
  if (state.lifecycle.personalDataErased) return [];
  return [
    {
      type: 'PersonalDataErased',
      data: {
        caseId: state.caseId,
        personId: state.personId,
        legalBasis: {
          authority: basis!.authority,
          decisionNumber: basis!.decisionNumber.trim(),
          decidedOn: basis!.decidedOn,
        },
        erasedAt: command.now.toISOString(),
      },
    },
  ];
}

function legalBasisProblem(basis: ErasureLegalBasis | undefined, now: Date): string | null {
  const needs =
    "legalBasis: an erasure needs the prosecutor's or court's decision (authority, decisionNumber, decidedOn)";
  if (!basis) return needs;
  if (!(ERASURE_AUTHORITIES as readonly string[]).includes(basis.authority)) {
    return `legalBasis.authority: must be one of ${ERASURE_AUTHORITIES.join(', ')}`;
  }
  if (typeof basis.decisionNumber !== 'string' || basis.decisionNumber.trim() === '') {
    return 'legalBasis.decisionNumber: the number of the decision ordering the erasure is required';
  }
  const latestToday = latestCalendarDay(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(basis.decidedOn ?? '') || basis.decidedOn > latestToday) {
    return 'legalBasis.decidedOn: the date of the decision (YYYY-MM-DD) must not be in the future';
  }
  return null;
}
