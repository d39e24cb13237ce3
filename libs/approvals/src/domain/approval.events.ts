import type { DomainEvent } from '@nrm/shared-kernel';

/** The commands a country may put under approval (the environment validates the same names). */
export type ApprovableCommandType = 'CloseCase' | 'AdoptReintegrationPlan';

/** Who asked: a member of staff, named as the token named them (not the person the case is about). */
export interface ApprovalRequester {
  userId: string;
  name: string;
  organisationId: string;
}

/**
 * A command that needs a supervisor's approval was asked for and is pending. `command` is the command
 * as the requester stated it (its type and fields, without actor and time): personal data, encrypted
 * under the person's key, so an erasure makes it unreadable (the approval can then only be rejected).
 */
export type ApprovalRequested = DomainEvent<
  'ApprovalRequested',
  {
    approvalId: string;
    caseId: string;
    caseNumber: string;
    personId: string;
    commandType: ApprovableCommandType;
    command: Record<string, unknown> & { type: ApprovableCommandType };
    /** The organisation responsible for the case when asked: its supervisors may approve. */
    approverOrganisationId: string;
    requestedBy: ApprovalRequester;
    requestedAt: string;
    /** When the approval falls due on the deadline board (APPROVAL_DEADLINE_HOURS at the request). */
    dueAt: string;
  }
>;

/** The approver granted it; the command's own events follow in the same append. */
export type ApprovalGranted = DomainEvent<
  'ApprovalGranted',
  {
    approvalId: string;
    caseId: string;
    caseNumber: string;
    commandType: ApprovableCommandType;
    requestedBy: ApprovalRequester;
    grantedAt: string;
  }
>;

/** The approver refused it, saying why (free text: personal data). Nothing else changes. */
export type ApprovalRejected = DomainEvent<
  'ApprovalRejected',
  {
    approvalId: string;
    caseId: string;
    caseNumber: string;
    personId: string;
    commandType: ApprovableCommandType;
    requestedBy: ApprovalRequester;
    reason: string;
    rejectedAt: string;
  }
>;

export type ApprovalEvent = ApprovalRequested | ApprovalGranted | ApprovalRejected;

export const APPROVAL_EVENT_TYPE_NAMES: readonly ApprovalEvent['type'][] = [
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalRejected',
];
