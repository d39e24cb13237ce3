import {
  assertOpenCase,
  type CaseClosed,
  type CaseEvent,
  type CaseReopened,
  type CaseState,
  type CaseTransferred,
  type ClosureReason,
  evolveCase,
  initialCaseState,
} from '@nrm/case/domain';
import { type Actor, type Decider, DomainRuleViolation, type OrganisationType } from '@nrm/shared-kernel';

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

export type CaseLifecycleCommand = CloseCase | ReopenCase | TransferCase;

/**
 * The rules of the case lifecycle (DESIGN §3.7 and the cross-cutting transfer), all in one place:
 *
 * - close:    the case exists and is open ('case-exists', 'case-not-closed', 409);
 *             'status-refused' only once victim status was refused ('closure-status-refused-needs-refusal', 409).
 * - reopen:   the case exists and is closed ('case-exists', 'case-is-closed', 409); it goes back to
 *             the stage it was closed in. Reopen is the one command a closed case accepts.
 * - transfer: the case exists and is open (409 as above); the receiver is another organisation than
 *             the owner ('transfer-to-another-organisation', 422). The receiver owns the case from then
 *             on: the old organisation no longer sees it.
 */
export const caseLifecycleDecider: Decider<CaseState, CaseLifecycleCommand, CaseEvent> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: (command, state) => {
    switch (command.type) {
      case 'CloseCase':
        return [closeCase(command, state)];
      case 'ReopenCase':
        return [reopenCase(command, state)];
      case 'TransferCase':
        return [transferCase(command, state)];
    }
  },
};

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
