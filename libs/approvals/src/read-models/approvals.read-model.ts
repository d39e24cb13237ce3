import {
  changeTrack,
  type CaseSummaryChange,
  type CaseSummaryRules,
  type ApprovalTrack,
  type TimelineDescribers,
} from '@nrm/case';
import type { ApprovableCommandType, ApprovalEvent } from '../domain/approval.events';

const COMMAND_TEXT: Record<ApprovableCommandType, string> = {
  CloseCase: 'closing the case',
  AdoptReintegrationPlan: 'adopting the reintegration plan',
};

const decided =
  (approvalId: string, change: Partial<ApprovalTrack>) =>
  (approvals: ApprovalTrack[]): ApprovalTrack[] =>
    approvals.map((approval) => (approval.approvalId === approvalId ? { ...approval, ...change } : approval));

/** A change of the approvals track (a row written before approvals existed has none yet). */
const onApprovals = (change: (approvals: ApprovalTrack[]) => ApprovalTrack[]): CaseSummaryChange =>
  changeTrack('approvals', (approvals) => change(approvals ?? []));

/** How approvals show on the case page: the approvals track (every request, pending first to decide). */
export const approvalsSummaryRules: CaseSummaryRules<ApprovalEvent> = {
  ApprovalRequested: ({ data }) =>
    onApprovals((approvals) => [
      ...approvals.filter((approval) => approval.approvalId !== data.approvalId),
      {
        approvalId: data.approvalId,
        commandType: data.commandType,
        state: 'pending',
        requestedBy: data.requestedBy,
        requestedAt: data.requestedAt,
        dueAt: data.dueAt,
        decidedAt: null,
      },
    ]),
  ApprovalGranted: ({ data }) => onApprovals(decided(data.approvalId, { state: 'granted', decidedAt: data.grantedAt })),
  ApprovalRejected: ({ data }) =>
    onApprovals(decided(data.approvalId, { state: 'rejected', decidedAt: data.rejectedAt })),
};

/** How approvals read on the timeline (the rejection's reason is personal: gone with an erasure). */
export const approvalsTimeline: TimelineDescribers<ApprovalEvent> = {
  ApprovalRequested: (event) => {
    const { data } = event;
    return {
      summary: `Approval requested by ${data.requestedBy.name} (${data.requestedBy.organisationId}) for ${COMMAND_TEXT[data.commandType] ?? data.commandType}.`,
      details: {
        approvalId: data.approvalId,
        commandType: data.commandType,
        requestedBy: data.requestedBy,
        approverOrganisationId: data.approverOrganisationId,
        dueAt: data.dueAt,
      },
    };
  },
  ApprovalGranted: (event) => {
    const { data } = event;
    return {
      summary: `Approval granted by ${event.metadata.actorName} for ${COMMAND_TEXT[data.commandType] ?? data.commandType}.`,
      details: { approvalId: data.approvalId, commandType: data.commandType, grantedAt: data.grantedAt },
    };
  },
  ApprovalRejected: (event) => {
    const { data } = event;
    return {
      summary: `Approval rejected by ${event.metadata.actorName} for ${COMMAND_TEXT[data.commandType] ?? data.commandType}.`,
      details: {
        approvalId: data.approvalId,
        commandType: data.commandType,
        rejectedAt: data.rejectedAt,
        ...(data.reason === undefined ? {} : { reason: data.reason }),
      },
    };
  },
};
