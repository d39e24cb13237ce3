import { type CaseEvent, type CaseState, evolveCase, initialCaseState } from '@nrm/case/domain';
import { type Actor, type Decider, DomainRuleViolation, ForbiddenError } from '@nrm/shared-kernel';
import type {
  ApprovableCommandType,
  ApprovalEvent,
  ApprovalGranted,
  ApprovalRejected,
  ApprovalRequested,
  ApprovalRequester,
} from './approval.events';

/** A gated command as its context's decider takes it, but for the actor and the time. */
export type StatedCommand = Record<string, unknown> & { type: ApprovableCommandType };

/**
 * The deciders of the commands that may be gated, by name: the approval decides with the same rules.
 * Each takes its own context's commands; the approval passes on the command as stated to the one named.
 */
export type GatedDeciders = Partial<Record<ApprovableCommandType, Decider<CaseState, never, CaseEvent>>>;

type GatedDecide = (command: StatedCommand & { actor: Actor; now: Date }, state: CaseState) => CaseEvent[];

export interface ApprovalRecord {
  commandType: ApprovableCommandType;
  status: 'pending' | 'granted' | 'rejected';
  /** null once the person's data was erased (it was personal data). */
  command: StatedCommand | null;
  requestedBy: ApprovalRequester;
}

/** The case as every context's decider sees it, and its approvals. */
export interface CaseWithApprovals {
  case: CaseState;
  approvals: Record<string, ApprovalRecord>;
}

export interface RequestApproval {
  type: 'RequestApproval';
  approvalId: string;
  command: StatedCommand;
  dueAt: Date;
  actor: Actor;
  now: Date;
}

export interface GrantApproval {
  type: 'GrantApproval';
  approvalId: string;
  actor: Actor;
  now: Date;
}

export interface RejectApproval {
  type: 'RejectApproval';
  approvalId: string;
  reason: string;
  actor: Actor;
  now: Date;
}

export type ApprovalCommand = RequestApproval | GrantApproval | RejectApproval;

/**
 * Who may approve (or reject) a gated command on a case: a coordinator, or a supervisor of the
 * organisation responsible for the case now (a transfer hands the pending approvals to the receiver's
 * supervisors). Such a user also issues the gated commands without asking anyone.
 */
export function mayApprove(actor: Actor, responsibleOrganisationId: string): boolean {
  return (
    actor.roles.includes('coordinator') ||
    (actor.roles.includes('supervisor') && actor.organisationId === responsibleOrganisationId)
  );
}

/**
 * The rules of supervisor approvals (README "Supervisor approvals"), on the case stream:
 *
 * - request: the command would be decided now by its own context's rules (any refusal is given now,
 *   nothing appended); at most one pending approval per command per case ('approval-pending', 409).
 * - grant:   the approval is pending ('approval-not-pending', 409), the approver may approve
 *   (mayApprove; 403 otherwise), the command is still readable ('approval-command-erased', 409) and
 *   its rules still hold on the case as it is now (its own refusal, e.g. 409 case-not-closed; the
 *   approval then stays pending: the approver may reject it). ApprovalGranted and the command's
 *   events are one decision, so one append. The command acts with the approver as its actor, now.
 * - reject:  pending (409), may approve (403), with a reason ('rejection-needs-reason', 422).
 *
 * A resubmission is a new request after a rejection.
 */
export function approvalsDecider(
  gated: GatedDeciders,
): Decider<CaseWithApprovals, ApprovalCommand, CaseEvent | ApprovalEvent> {
  const deciderOf = (type: ApprovableCommandType) => {
    const decider = gated[type];
    if (!decider) throw new Error(`No decider registered for the gated command ${type}`);
    return decider.decide as GatedDecide;
  };

  return {
    initialState: () => ({ case: initialCaseState(), approvals: {} }),
    evolve: (state, event) => evolveWithApprovals(state, event),
    decide: (command, state) => {
      switch (command.type) {
        case 'RequestApproval':
          return [request(command, state, deciderOf(command.command.type))];
        case 'GrantApproval': {
          const approval = pendingApproval(command, state);
          if (approval.command === null) {
            throw new DomainRuleViolation(
              'approval-command-erased',
              "The person's data was erased: the requested command can no longer be read; reject the approval",
              'conflict',
            );
          }
          const effects = deciderOf(approval.commandType)(
            { ...approval.command, actor: command.actor, now: command.now },
            state.case,
          );
          return [granted(command, state, approval), ...effects];
        }
        case 'RejectApproval':
          return [reject(command, state, pendingApproval(command, state))];
      }
    },
  };
}

export function evolveWithApprovals(state: CaseWithApprovals, event: CaseEvent | ApprovalEvent): CaseWithApprovals {
  switch (event.type) {
    case 'ApprovalRequested':
      return {
        ...state,
        approvals: {
          ...state.approvals,
          [event.data.approvalId]: {
            commandType: event.data.commandType,
            status: 'pending',
            command: (event.data.command as StatedCommand | undefined) ?? null,
            requestedBy: event.data.requestedBy,
          },
        },
      };
    case 'ApprovalGranted':
    case 'ApprovalRejected': {
      const approval = state.approvals[event.data.approvalId];
      if (!approval) return state;
      const status = event.type === 'ApprovalGranted' ? 'granted' : 'rejected';
      return { ...state, approvals: { ...state.approvals, [event.data.approvalId]: { ...approval, status } } };
    }
    default:
      return { ...state, case: evolveCase(state.case, event) };
  }
}

function request(command: RequestApproval, state: CaseWithApprovals, decide: GatedDecide): ApprovalRequested {
  // Refused now exactly as it would be if it were executed: nothing is asked of a supervisor in vain.
  decide({ ...command.command, actor: command.actor, now: command.now }, state.case);
  const existing = existingCase(state);
  const pending = Object.values(state.approvals).some(
    (approval) => approval.status === 'pending' && approval.commandType === command.command.type,
  );
  if (pending) {
    throw new DomainRuleViolation(
      'approval-pending',
      `The case already has a pending approval for ${command.command.type}: it must be granted or rejected first`,
      'conflict',
    );
  }
  return {
    type: 'ApprovalRequested',
    data: {
      approvalId: command.approvalId,
      caseId: existing.caseId,
      caseNumber: existing.caseNumber,
      personId: existing.personId,
      commandType: command.command.type,
      command: command.command,
      approverOrganisationId: existing.organisationId,
      requestedBy: requesterOf(command.actor),
      requestedAt: command.now.toISOString(),
      dueAt: command.dueAt.toISOString(),
    },
  };
}

function granted(command: GrantApproval, state: CaseWithApprovals, approval: ApprovalRecord): ApprovalGranted {
  return {
    type: 'ApprovalGranted',
    data: { ...decisionOn(command, state, approval), grantedAt: command.now.toISOString() },
  };
}

function reject(command: RejectApproval, state: CaseWithApprovals, approval: ApprovalRecord): ApprovalRejected {
  const reason = command.reason.trim();
  if (reason === '') {
    throw new DomainRuleViolation('rejection-needs-reason', 'A rejection says why', 'unprocessable', 'reason');
  }
  return {
    type: 'ApprovalRejected',
    data: {
      ...decisionOn(command, state, approval),
      personId: existingCase(state).personId,
      reason,
      rejectedAt: command.now.toISOString(),
    },
  };
}

/** What a grant or a rejection names: the approval, its case, the command and who asked for it. */
function decisionOn(command: GrantApproval | RejectApproval, state: CaseWithApprovals, approval: ApprovalRecord) {
  const existing = existingCase(state);
  return {
    approvalId: command.approvalId,
    caseId: existing.caseId,
    caseNumber: existing.caseNumber,
    commandType: approval.commandType,
    requestedBy: approval.requestedBy,
  };
}

/** The approval to decide on: it exists, the actor may decide it, and it is still pending. */
function pendingApproval(command: GrantApproval | RejectApproval, state: CaseWithApprovals): ApprovalRecord {
  const existing = existingCase(state);
  const approval = state.approvals[command.approvalId];
  if (!approval) {
    throw new DomainRuleViolation('approval-exists', `The case has no approval ${command.approvalId}`, 'conflict');
  }
  if (!mayApprove(command.actor, existing.organisationId)) {
    throw new ForbiddenError(
      `Only a coordinator or a supervisor of ${existing.organisationId} may decide on this approval`,
    );
  }
  if (approval.status !== 'pending') {
    throw new DomainRuleViolation('approval-not-pending', `The approval was already ${approval.status}`, 'conflict');
  }
  return approval;
}

function existingCase(state: CaseWithApprovals) {
  if (!state.case.exists) throw new DomainRuleViolation('case-exists', 'The case does not exist', 'conflict');
  return state.case;
}

const requesterOf = (actor: Actor): ApprovalRequester => ({
  userId: actor.userId,
  name: actor.name,
  organisationId: actor.organisationId,
});
